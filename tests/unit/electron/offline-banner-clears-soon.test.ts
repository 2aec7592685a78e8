import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import type { NetworkState } from '../../../shared/contract/app';
import { errorBody, json, type LocalService, startLocalService } from './support/local-service';

let service: LocalService;
const clients: { close(): void }[] = [];
beforeEach(async () => {
  service = await startLocalService();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await service.close();
});

const until = async (check: () => boolean, withinMs: number) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the offline probe', () => {
  it('keeps looking at most probeMaxDelayMs apart, however long the service is gone', async () => {
    service.route('GET', '/v1/account', (_h, res) => json(res, 503, errorBody('UNAVAILABLE')));
    service.route('GET', '/v1/health', (_h, res) => json(res, 503, errorBody('UNAVAILABLE')));
    const client = createApiClient({ baseUrl: service.url, retries: 0, probeIntervalMs: 50, probeMaxDelayMs: 100 });
    clients.push(client);
    await client.request({ method: 'GET', path: '/v1/account' }).catch(() => undefined);
    expect(client.networkState()).toEqual({ online: false, reason: 'service-unreachable' });
    // Doubling without a cap, the tenth look would come some 25 s in; capped, about 1 s.
    await until(() => service.count('GET', '/v1/health') >= 10, 3_000);
    expect(client.isOnline()).toBe(false);
  });

  it('a health check that answers 503 keeps the app offline; the first 200 clears it', async () => {
    const seen: NetworkState[] = [];
    let healthy = false;
    service.route('GET', '/v1/account', (_h, res) => json(res, 502, 'Bad gateway'));
    service.route('GET', '/v1/health', (_h, res) =>
      healthy ? json(res, 200, { status: 'ok', database: 'ok' }) : json(res, 503, errorBody('UNAVAILABLE')),
    );
    const client = createApiClient({ baseUrl: service.url, retries: 0, probeIntervalMs: 10, probeMaxDelayMs: 20, onOnlineChange: (s) => seen.push(s) });
    clients.push(client);
    await client.request({ method: 'GET', path: '/v1/account' }).catch(() => undefined);
    await until(() => service.count('GET', '/v1/health') >= 3, 2_000);
    expect(client.isOnline()).toBe(false);
    healthy = true;
    await until(() => client.isOnline(), 2_000);
    expect(seen).toEqual([{ online: false, reason: 'service-unreachable' }, { online: true }]);
    // Online again, it stops looking.
    const looks = service.count('GET', '/v1/health');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(service.count('GET', '/v1/health')).toBe(looks);
  });

  it('leaves nothing scheduled once closed (the app quits): no more looks, no more events', async () => {
    const seen: NetworkState[] = [];
    service.route('GET', '/v1/account', (_h, res) => json(res, 503, errorBody('UNAVAILABLE')));
    service.route('GET', '/v1/health', (_h, res) => json(res, 503, errorBody('UNAVAILABLE')));
    const client = createApiClient({ baseUrl: service.url, retries: 0, probeIntervalMs: 10, probeMaxDelayMs: 20, onOnlineChange: (s) => seen.push(s) });
    await client.request({ method: 'GET', path: '/v1/account' }).catch(() => undefined);
    await until(() => service.count('GET', '/v1/health') >= 1, 2_000);
    client.close();
    const looks = service.count('GET', '/v1/health');
    service.route('GET', '/v1/health', (_h, res) => json(res, 200, { status: 'ok', database: 'ok' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    // At most the look already on its way when it closed.
    expect(service.count('GET', '/v1/health')).toBeLessThanOrEqual(looks + 1);
    expect(seen).toEqual([{ online: false, reason: 'service-unreachable' }]);
  });
});
