import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config';
import { redactQuery } from '../../../server/src/logging';
import { userDataFolder } from '../../../shared/user-data-folder';

describe('service configuration', () => {
  it('defaults to 127.0.0.1:4600, a rate limit of 30, and the user data folder', () => {
    const config = loadConfig({});
    expect([config.host, config.port, config.authRateLimit]).toEqual(['127.0.0.1', 4600, 30]);
    expect(config.dataDir).toBe(`${userDataFolder({ platform: process.platform, env: process.env, home: homedir(), appName: 'Palisade' })}/service`);
    expect([config.databaseUrl, config.smtpUrl, config.publicUrl]).toEqual([undefined, undefined, undefined]);
  });

  it('reads every variable, and treats empty ones as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/palisade',
      DATABASE_URL: 'postgres://db.example/palisade',
      SMTP_URL: 'smtp://mail.example:2525',
      PUBLIC_URL: 'https://account.example/',
      AUTH_RATE_LIMIT: '5',
      REDIS_URL: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/palisade',
      databaseUrl: 'postgres://db.example/palisade',
      smtpUrl: 'smtp://mail.example:2525',
      publicUrl: 'https://account.example',
      authRateLimit: 5,
      redisUrl: undefined,
    });
  });

  it('refuses wrong values with every problem named', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_RATE_LIMIT: '0' })).toThrow(/PORT.*DATABASE_URL.*AUTH_RATE_LIMIT/s);
  });
});

describe('log redaction', () => {
  it('keeps query names and drops their values', () => {
    expect(redactQuery('/confirm?token=abc123&x=1')).toBe('/confirm?token=[redacted]&x=[redacted]');
    expect(redactQuery('/v1/health')).toBe('/v1/health');
  });
});
