import { describe, expect, it } from 'vitest';
import { agentTicketListSchema } from '../../../shared/api/support-agents';
import { spawnService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client, expectError, uniqueEmail } from '../server/http';
import { setPasswordToken, signInWithLink } from './agent-fixture';

const store = useServiceDataDir('palisade-agents-cli-');
const server = (...args: string[]) => npmRunServer(store.env, ...args);

describe('agents add', () => {
  it('makes a support agent with no service running and beside a running one; the printed link sets a password that signs in and reaches /v1/agent', async () => {
    const before = uniqueEmail('agent-cli-a');
    const first = (await server('agents', 'add', '--email', before.toUpperCase(), '--name', 'Alex Agent')).stdout;
    expect(first).toContain(`Created the support agent Alex Agent <${before}>.`);
    const firstToken = setPasswordToken(first);

    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const api = client(service.url);
      // Running beside the service: on the embedded database the service does it for the command.
      const during = uniqueEmail('agent-cli-b');
      const second = (await server('agents', 'add', '--email', during, '--name', 'Bo Agent')).stdout;
      expect(second).toContain(`Created the support agent Bo Agent <${during}>.`);
      const secondToken = setPasswordToken(second);

      for (const [email, token] of [[before, firstToken], [during, secondToken]] as const) {
        // The random password it was made with signs no one in.
        expectError(await api.post('/v1/auth/login', { email, password: 'a quiet lighthouse at dawn' }), 401, 'INVALID_CREDENTIALS');
        const tokens = await signInWithLink(api, email, token);
        expect(agentTicketListSchema.safeParse((await api.get('/v1/agent/tickets', tokens.accessToken)).body).success).toBe(true);
        // The link works once.
        expectError(await api.post('/v1/auth/password/reset', { token, password: 'another quiet lighthouse' }), 400, 'TOKEN_INVALID');
      }
      // Again for an address that is an agent: nothing new, a fresh link.
      const again = (await server('agents', 'add', '--email', during, '--name', 'Bo Agent')).stdout;
      expect(again).toContain(`The account ${during} is a support agent.`);
      expect(setPasswordToken(again)).not.toBe(secondToken);
      // The link is in the command's output only, never in the service's log.
      expect(service.logs()).not.toContain(secondToken);
      expect(service.logs()).not.toContain(setPasswordToken(again));
    } finally {
      await service.stop();
    }
  }, 240_000); // several cold starts of the CLI

  it('refuses bad arguments with exit code 2 and says what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['agents', 'add', '--email', 'not-an-address', '--name', 'N'], /--email/],
      [['agents', 'add', '--email', 'a@example.test', '--name', ''], /--name/],
      [['agents', 'add', '--email', 'a@example.test'], /--name/],
      [['agents', 'remove', '--email', 'a@example.test', '--name', 'N'], /"add"/],
    ];
    for (const [args, message] of cases) {
      const failed = await server(...args).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code, args.join(' ')).toBe(2);
      expect(failed?.stderr).toMatch(message);
    }
  }, 120_000);
});
