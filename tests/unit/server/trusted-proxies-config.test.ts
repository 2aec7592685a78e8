import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config';

describe('TRUST_PROXY', () => {
  it('is unset by default: no one is believed about X-Forwarded-For', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toBeUndefined();
  });

  it('reads a comma-separated list of addresses, CIDR ranges and range names', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else, trust-everyone included', () => {
    for (const bad of ['true', '*', 'balancer.example', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', '10.0.0.1/x', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('REDIS_URL', () => {
  it('is a redis:// or rediss:// URL', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example:6380/2' }).redisUrl).toBe('rediss://cache.example:6380/2');
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });
});
