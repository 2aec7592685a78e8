import { expect } from 'vitest';
import { tokenPairSchema, type TokenPair } from '../../../shared/api/identity';
import { httpErrorBodySchema, type ServiceErrorCode } from '../../../shared/errors';
import type { CapturedMail, SmtpCapture } from '../../support/smtp';

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON, or null when empty. */
  body: unknown;
}

/** Plain HTTP against a running service: what any client would do. */
export function client(baseUrl: string) {
  async function request(method: string, path: string, init: { json?: unknown; token?: string; headers?: Record<string, string>; raw?: string | Buffer } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | Buffer | undefined = init.raw;
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(new URL(path, baseUrl), { method, headers, ...(body !== undefined && { body: typeof body === 'string' ? body : new Uint8Array(body) }) });
    const text = await response.text();
    let parsed: unknown = text === '' ? null : text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
  return {
    request,
    get: (path: string, token?: string) => request('GET', path, token ? { token } : {}),
    post: (path: string, json?: unknown, token?: string) => request('POST', path, { ...(json !== undefined && { json }), ...(token && { token }) }),
    patch: (path: string, json: unknown, token?: string) => request('PATCH', path, { json, ...(token && { token }) }),
  };
}
export type Client = ReturnType<typeof client>;

/** Asserts the error envelope with this status and code, and returns its details. */
export function expectError(answer: Answer, status: number, code: ServiceErrorCode): Record<string, unknown> | undefined {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status, body: { error: { code } } });
  const parsed = httpErrorBodySchema.parse(answer.body);
  expect(parsed.error.message.length).toBeGreaterThan(0);
  return parsed.error.details;
}

export function expectTokens(answer: Answer): TokenPair {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return tokenPairSchema.parse(answer.body);
}

/** The token in a `…?token=` link of a mail. */
export function linkToken(mail: CapturedMail, path: '/confirm' | '/reset-password'): { link: string; token: string } {
  const link = new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text)?.[0];
  expect(link, `a ${path} link in:\n${mail.text}`).toBeDefined();
  const token = new URL(link!).searchParams.get('token')!;
  return { link: link!, token };
}

/** The `XXXX-XXXX` code an e-mail shows beside its link. */
export function codeIn(mail: CapturedMail): string {
  const code = /\b([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\b/.exec(mail.text)?.[1];
  expect(code, mail.text).toBeDefined();
  return code as string;
}

/** A code of the same shape that is not `code` (the last symbol changed). */
export const wrongCode = (code: string): string => code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');

let counter = 0;
/** A unique address per call, so tests in one file never collide. */
export const uniqueEmail = (label = 'user'): string => `${label}-${Date.now().toString(36)}-${counter++}@example.test`;

export const GOOD_PASSWORD = 'a quiet lighthouse at dawn';

/** Signs up, follows the confirmation e-mail, and returns the account's credentials. */
export async function confirmedAccount(api: Client, smtp: SmtpCapture, label = 'user', name = 'Test Person') {
  const email = uniqueEmail(label);
  const signup = await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name });
  expect(signup.status, JSON.stringify(signup.body)).toBe(202);
  const mail = await smtp.waitForMessage(email, { subject: /confirm/i });
  const confirm = await api.post('/v1/auth/confirm', { token: linkToken(mail, '/confirm').token });
  expect(confirm.status).toBe(200);
  return { email, password: GOOD_PASSWORD, name };
}

/** Signs up and returns the address with the code its confirmation e-mail carries. */
export async function signedUpWithCode(api: Client, smtp: SmtpCapture, label: string): Promise<{ email: string; code: string }> {
  const email = uniqueEmail(label);
  expect((await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Code Person' })).status).toBe(202);
  return { email, code: codeIn(await smtp.waitForMessage(email, { subject: /confirm/i })) };
}

export async function signIn(api: Client, email: string, password: string): Promise<TokenPair> {
  return expectTokens(await api.post('/v1/auth/login', { email, password }));
}

/** A clock the test can move forward; the service reads it through `now`. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
