import { expect, it } from 'vitest';
import { addAgent } from '../../../server/src/support/agents';
import { useService } from '../../support/use-service';
import { accountWithTwoStep, mfaChallenge, oathtool } from '../security/two-step-fixture';
import { expectError, expectTokens, movableClock } from '../server/http';

const clock = movableClock();
const { service, api, smtp } = useService({ now: clock.now });

it('an agent signs in by the same rules: with 2-step verification on, the password alone gives a challenge, not a token', async () => {
  const account = await accountWithTwoStep(api, smtp, clock, 'agent-two-step');
  const customerToken = account.tokens.accessToken;
  expectError(await api.get('/v1/agent/tickets', customerToken), 403, 'FORBIDDEN');

  // An address that has an account keeps it (and its password and 2-step verification) and becomes staff.
  const added = await addAgent(service.services.db, { email: account.email, name: 'Ignored', linkBase: service.url, now: clock.now() });
  expect(added.created).toBe(false);

  const mfaToken = await mfaChallenge(api, account.email, account.password, 'Support desk');
  const tokens = expectTokens(await api.post('/v1/auth/mfa', { mfaToken, code: await oathtool(account.secret, clock.now()) }));
  expect((await api.get('/v1/agent/tickets', tokens.accessToken)).status).toBe(200);
});
