import { afterAll, beforeAll } from 'vitest';
import { client, type Client } from '../integration/server/http';
import { type InProcessService, type ServiceEnv, startService } from './service';
import { startSmtpCapture, type SmtpCapture } from './smtp';

export interface ServiceUnderTest {
  service: InProcessService;
  smtp: SmtpCapture;
  /** Plain HTTP against `service.url`. */
  api: Client;
}

/**
 * Stands in for a value that exists only once `beforeAll` has run, so a test file can
 * name it at the top (`const { api } = useService()`) and use it inside its tests.
 */
function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${what} is not there: use it inside a test or hook, after useService's beforeAll`);
    return value;
  };
  return new Proxy({} as T, {
    get(_stub, key) {
      const value = target();
      const member: unknown = Reflect.get(value, key, value);
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(value) : member;
    },
    has: (_stub, key) => Reflect.has(target(), key),
  });
}

/**
 * The real account service (and, unless `smtp: false`, a loopback SMTP capture it mails to)
 * for the enclosing file or describe block: started in beforeAll, stopped in afterAll.
 * `env` and `now` go to `startService` as they are.
 */
export function useService(options: { env?: ServiceEnv; now?: () => Date; smtp?: boolean } = {}): ServiceUnderTest {
  let service: InProcessService | undefined;
  let smtp: SmtpCapture | undefined;
  let api: Client | undefined;

  beforeAll(async () => {
    if (options.smtp !== false) smtp = await startSmtpCapture();
    service = await startService({
      ...((options.env || smtp) && { env: { ...(smtp && { SMTP_URL: smtp.url }), ...options.env } }),
      ...(options.now && { now: options.now }),
    });
    api = client(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.stop();
  });

  return {
    service: lateBound('The service', () => service),
    smtp: lateBound(
      options.smtp === false ? 'SMTP (this service was started without it)' : 'The SMTP capture',
      () => smtp,
    ),
    api: lateBound('The HTTP client', () => api),
  };
}
