import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config';
import { DRAIN_MS as CLUSTER_DRAIN_MS } from '../../support/cluster';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** `NAME=value` lines, comments and blanks skipped. */
function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** `Environment=NAME=value` lines of a systemd unit. */
function unitEnvironment(text: string): Record<string, string> {
  return envFile(
    text
      .split('\n')
      .filter((line) => line.startsWith('Environment='))
      .map((line) => line.slice('Environment='.length))
      .join('\n'),
  );
}

/** How long HAProxy takes to take a failing instance out: `fall` checks `inter` apart. */
function haproxyNoticeMs(config: string): number {
  const line = /^\s*default-server\s+(.*)$/m.exec(config)?.[1] ?? '';
  const inter = /\binter\s+(\d+)(ms|s)\b/.exec(line);
  const fall = /\bfall\s+(\d+)\b/.exec(line);
  if (!inter || !fall) throw new Error(`No inter/fall in: ${line}`);
  return Number(fall[1]) * Number(inter[1]) * (inter[2] === 's' ? 1000 : 1);
}

describe('the deployment files agree with the service and with each other', () => {
  const example = envFile(read('deploy/palisade.env.example'));
  const instanceUnit = read('deploy/systemd/palisade@.service');
  const haproxy = read('deploy/haproxy.cfg');

  it('every variable of the environment example and the instance unit is a documented one that the service accepts', () => {
    const env = { ...example, ...unitEnvironment(instanceUnit), PORT: '4601', DATA_DIR: '/var/lib/palisade/instance-4601' };
    const documented = read('docs/api.md');
    for (const name of Object.keys(env)) expect(documented, name).toContain(`\`${name}\``);
    const config = loadConfig(env);
    expect(config.migrateOnStart).toBe(false);
    expect(config.trustProxy).toEqual(['127.0.0.1']);
    expect(config.keysDir).toBe(example.KEYS_DIR);
  });

  it('a stopping instance drains for longer than HAProxy takes to see its failing health check, in deployments and tests alike', () => {
    const notice = haproxyNoticeMs(haproxy);
    expect(haproxy).toMatch(/option httpchk GET \/v1\/health/);
    expect(Number(example.DRAIN_MS)).toBeGreaterThan(notice);
    expect(CLUSTER_DRAIN_MS).toBeGreaterThan(notice);
  });

  it('HAProxy retries only connections that reached no instance, and the instance unit stops with SIGTERM so it drains', () => {
    expect(haproxy).toMatch(/^\s*retry-on conn-failure\s*$/m);
    expect(haproxy).toMatch(/^\s*http-request del-header X-Forwarded-For\s*$/m);
    expect(instanceUnit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(instanceUnit).toMatch(/^Environment=MIGRATE_ON_START=false$/m);
  });
});
