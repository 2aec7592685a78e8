import { describe, expect, it } from 'vitest';
import { deviceListSchema } from '../../../shared/api/devices';
import { subscriptionListSchema } from '../../../shared/api/subscriptions';
import { isValidProductKey } from '../../../shared/product-key';
import { spawnService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client, expectTokens } from '../server/http';
import { activate } from './protection-fixture';

const keyLine = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

const store = useServiceDataDir('palisade-keys-cli-');

/** `npm run server -- <args>` as the README says, on this test's own database. */
const server = (...args: string[]) => npmRunServer(store.env, ...args);

describe('keys mint and seed-demo', () => {
  it('prints new keys that activate, and gives the demo account its subscription and devices once', async () => {
    const { stdout } = await server('keys', 'mint', '--plan', 'family', '--years', '2', '--count', '5');
    const minted = stdout.trim().split('\n');
    expect(minted).toHaveLength(5);
    for (const key of minted) {
      expect(key).toMatch(keyLine);
      expect(isValidProductKey(key)).toBe(true);
    }
    expect(new Set(minted).size).toBe(5);

    const seeded = (await server('seed-demo')).stdout;
    expect(seeded).toContain('Created the demo account demo@palisade.test');
    const reseeded = (await server('seed-demo')).stdout;
    expect(reseeded).toContain('already exists');
    const demoKeys = [...seeded.split('\n'), ...reseeded.split('\n')].filter((line) => keyLine.test(line));
    expect(demoKeys).toHaveLength(4); // two new unused keys a run

    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const api = client(service.url);
      const { accessToken } = expectTokens(await api.post('/v1/auth/login', { email: 'demo@palisade.test', password: 'Demo-Palisade-2026' }));
      // The second run added nothing: one family subscription, two devices.
      const subscriptions = subscriptionListSchema.parse((await api.get('/v1/subscriptions', accessToken)).body);
      expect(subscriptions).toHaveLength(1);
      expect(subscriptions[0]).toMatchObject({ plan: 'family', seatsUsed: 2, status: 'active' });
      const devices = deviceListSchema.parse((await api.get('/v1/devices', accessToken)).body);
      expect(devices.map((d) => d.status)).toEqual(['active', 'active']);

      for (const key of [...minted, ...demoKeys]) await activate(api, accessToken, key);
      const after = subscriptionListSchema.parse((await api.get('/v1/subscriptions', accessToken)).body);
      expect(after).toHaveLength(10);
      const twoYears = after.filter((s) => new Date(s.expiresAt).getUTCFullYear() - new Date(s.startsAt).getUTCFullYear() === 2);
      expect(twoYears).toHaveLength(5);
    } finally {
      await service.stop();
    }
  }, 240_000); // several cold starts of the CLI

  it('refuses bad arguments with exit code 2 and says what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['keys', 'mint', '--plan', 'gold', '--years', '1', '--count', '1'], /--plan is one of essentials, family, max/],
      [['keys', 'mint', '--plan', 'max', '--years', '0', '--count', '1'], /--years/],
      [['keys', 'mint', '--plan', 'max', '--years', '1', '--count', '1.5'], /--count/],
      [['keys', 'mint', '--plan', 'max', '--years', '1'], /--count/],
      [['keys', '--plan', 'max', '--years', '1', '--count', '1'], /mint/],
      [['keys', 'mint', '--colour', 'blue'], /Unknown option/i],
    ];
    for (const [args, message] of cases) {
      const failure = await server(...args).then(
        () => undefined,
        (error: { code: number; stderr: string; stdout: string }) => error,
      );
      expect(failure, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(failure?.stderr).toMatch(message);
      expect(failure?.stderr).toContain('Usage: npm run server -- keys mint');
    }
  }, 120_000);
});

describe('keys minted while the service runs', () => {
  const live = useServiceDataDir('palisade-keys-live-');

  it('are recognised by that service at once, batch after batch (it mints them itself)', async () => {
    const service = await spawnService({ dataDir: live.dataDir, env: live.env });
    try {
      const run = (...args: string[]) => npmRunServer(live.env, ...args).then((r) => r.stdout);
      expect(await run('seed-demo')).toContain('Created the demo account demo@palisade.test');
      const api = client(service.url);
      const { accessToken } = expectTokens(await api.post('/v1/auth/login', { email: 'demo@palisade.test', password: 'Demo-Palisade-2026' }));
      for (let batch = 0; batch < 3; batch++) {
        const keys = (await run('keys', 'mint', '--plan', 'essentials', '--years', '1', '--count', '2')).trim().split('\n');
        expect(keys).toHaveLength(2);
        for (const key of keys) await activate(api, accessToken, key);
      }
      expect(await run('migrate')).toContain('up to date');
      const subscriptions = subscriptionListSchema.parse((await api.get('/v1/subscriptions', accessToken)).body);
      expect(subscriptions.filter((s) => s.plan === 'essentials')).toHaveLength(6);
    } finally {
      await service.stop();
    }
    expect(await service.exited).toBe(0);
  }, 180_000);
});
