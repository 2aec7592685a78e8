import { parseArgs } from 'node:util';
import { emailSchema, personNameSchema } from '../../../shared/api/identity';
import { loadConfig } from '../config';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

const usage = 'agents add --email E --name N';

/**
 * `agents add …`: makes the address's account (a new one if it has none) a support agent and
 * prints a one-time link to set its password; the link is only in this output. While a
 * service runs on the embedded database, that service does it.
 */
export const agents: Command = {
  summary: 'make an account support staff and print its one-time set-password link',
  usage,
  async run(args) {
    let values: { email?: string; name?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } }));
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run server -- ${usage}`);
      return 2;
    }
    const email = emailSchema.safeParse(values.email);
    const name = personNameSchema.safeParse(values.name);
    const problems = [
      positionals.length !== 1 || positionals[0] !== 'add' ? 'the agents command is "add"' : undefined,
      email.success ? undefined : '--email is an e-mail address like name@example.com',
      name.success ? undefined : '--name is a name of 1 to 100 characters on one line',
    ].filter((p) => p !== undefined);
    if (problems.length > 0 || !email.success || !name.success) {
      console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${usage}`);
      return 2;
    }
    const config = loadConfig();
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const linkBase = config.publicUrl ?? `http://${host}:${config.port}`;
    await print(await runTask(config, { command: 'agents add', email: email.data, name: name.data, linkBase }));
    return 0;
  },
};
