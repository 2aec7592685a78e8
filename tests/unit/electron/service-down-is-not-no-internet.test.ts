import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import { ApiFailure } from '../../../electron/services/api/api-failure';
import { classifyOffline, isLoopbackHost, systemErrorCode } from '../../../electron/services/api/offline-reason';
import type { NetworkState } from '../../../shared/contract/app';
import { errorDetails } from '../../../shared/errors';
import { closedPortUrl } from './support/local-service';

/** The OS, faked: a Wi-Fi link with an address, or nothing but loopback. */
const wifi = () => ({
  lo: [{ address: '127.0.0.1', internal: true } as NetworkInterfaceInfo],
  wlan0: [{ address: '192.168.1.20', internal: false } as NetworkInterfaceInfo],
});
const cableOut = () => ({ lo: [{ address: '127.0.0.1', internal: true } as NetworkInterfaceInfo] });

const systemError = (code: string) => Object.assign(new Error(code), { code });
const remote = 'https://account.palisade.example';

describe('telling "no internet" from "the service can’t be reached"', () => {
  it('calls a refused, reset or timed-out connection to a resolving host the service', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']) {
      expect(classifyOffline(systemError(code), remote, wifi)).toBe('service-unreachable');
    }
  });

  it('calls a name the name server says does not exist the service: the name server answered', () => {
    expect(classifyOffline(systemError('ENOTFOUND'), remote, wifi)).toBe('service-unreachable');
  });

  it('says no internet for a name server that gives no answer, no route, or a network that is down', () => {
    for (const code of ['EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN']) {
      expect(classifyOffline(systemError(code), remote, wifi)).toBe('no-internet');
    }
  });

  it('says no internet when the OS has no interface up but loopback, whatever the error', () => {
    expect(classifyOffline(systemError('ECONNREFUSED'), remote, cableOut)).toBe('no-internet');
    expect(classifyOffline(systemError('ENOTFOUND'), remote, cableOut)).toBe('no-internet');
  });

  it('never blames the internet for a service on this computer', () => {
    for (const url of ['http://127.0.0.1:4600', 'http://localhost:4600', 'http://[::1]:4600', 'http://app.localhost']) {
      expect(isLoopbackHost(new URL(url).hostname)).toBe(true);
      expect(classifyOffline(systemError('ENETUNREACH'), url, cableOut)).toBe('service-unreachable');
    }
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example')).toBe(false);
  });

  it('finds the OS code on the cause, or on the first of an AggregateError (IPv4 and IPv6 tried in turn)', () => {
    expect(systemErrorCode({ code: 'ERR_NETWORK', cause: systemError('EAI_AGAIN') })).toBe('EAI_AGAIN');
    expect(systemErrorCode(new AggregateError([systemError('ENETUNREACH'), systemError('ENETUNREACH')]))).toBe('ENETUNREACH');
    expect(systemErrorCode(new Error('no code'))).toBeUndefined();
  });
});

describe('the API client says why it is offline', () => {
  const clients: { close(): void }[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.close()));

  it('a loopback service that refuses: "can’t be reached", on the failure and in the network state', async () => {
    const seen: NetworkState[] = [];
    const client = createApiClient({ baseUrl: await closedPortUrl(), retries: 0, onOnlineChange: (s) => seen.push(s) });
    clients.push(client);
    const error = await client.request({ method: 'GET', path: '/v1/account' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiFailure);
    expect(errorDetails((error as ApiFailure).toError(), 'NETWORK_OFFLINE')).toEqual({ reason: 'service-unreachable' });
    expect(client.networkState()).toEqual({ online: false, reason: 'service-unreachable' });
    expect(seen).toEqual([{ online: false, reason: 'service-unreachable' }]);
  });

  it('a remote service with no interface up: no internet', async () => {
    const client = createApiClient({ baseUrl: 'http://account.palisade.invalid', retries: 0, networkInterfaces: cableOut });
    clients.push(client);
    await client.request({ method: 'GET', path: '/v1/account' }).catch(() => undefined);
    expect(client.networkState()).toEqual({ online: false, reason: 'no-internet' });
  });
});
