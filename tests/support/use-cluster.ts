import { afterAll, beforeAll } from 'vitest';
import { type Cluster, startCluster } from './cluster';
import type { ServiceEnv } from './service';
import { startSmtpCapture, type SmtpCapture } from './smtp';

/**
 * A cluster (and an SMTP capture its instances mail to) for the enclosing file: started in
 * beforeAll, stopped in afterAll whatever the tests did. Only with DATABASE_URL: without it
 * nothing starts and `enabled` is false (the file's tests skip).
 */
export function useCluster(options: { env?: ServiceEnv } = {}): { enabled: boolean; cluster: () => Cluster; smtp: () => SmtpCapture } {
  const enabled = Boolean(process.env.DATABASE_URL);
  let cluster: Cluster | undefined;
  let smtp: SmtpCapture | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    smtp = await startSmtpCapture();
    cluster = await startCluster({ ...options, smtpUrl: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await smtp?.stop();
  }, 60_000);
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} starts in beforeAll: use it inside a test`);
    return value;
  };
  return { enabled, cluster: () => ready(cluster, 'The cluster'), smtp: () => ready(smtp, 'The SMTP capture') };
}
