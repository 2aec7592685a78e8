import { expect } from 'vitest';
import type { Db } from '../../../server/src/db/database';
import { addAgent } from '../../../server/src/support/agents';
import { type Client, expectTokens, GOOD_PASSWORD, uniqueEmail } from '../server/http';

/** The token of a set-password link that `agents add` printed. */
export function setPasswordToken(output: string): string {
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(output)?.[0];
  expect(link, `a set-password link in:\n${output}`).toBeDefined();
  return new URL(link!).searchParams.get('token')!;
}

/** Sets the password through the link's token, as the agent would, and signs in with it. */
export async function signInWithLink(api: Client, email: string, token: string, password = GOOD_PASSWORD) {
  const reset = await api.post('/v1/auth/password/reset', { token, password });
  expect(reset.status, JSON.stringify(reset.body)).toBe(204);
  return expectTokens(await api.post('/v1/auth/login', { email, password, deviceName: 'Support desk' }));
}

/** A new support agent (made as `agents add` makes one), signed in. */
export async function signedInAgent(api: Client, db: Db, baseUrl: string, name = 'Sam Support') {
  const email = uniqueEmail('agent');
  const { link } = await addAgent(db, { email, name, linkBase: baseUrl, now: new Date() });
  const tokens = await signInWithLink(api, email, new URL(link).searchParams.get('token')!);
  return { email, name, token: tokens.accessToken };
}
