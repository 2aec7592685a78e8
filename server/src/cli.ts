import { agents } from './commands/agents';
import type { Command } from './commands/command';
import { jobs } from './commands/jobs';
import { keys } from './commands/keys';
import { migrate } from './commands/migrate';
import { releases } from './commands/releases';
import { seedDemo } from './commands/seed-demo';
import { start } from './commands/start';
import { folderInUse } from './local-control/folder-lock';

/**
 * `npm run server -- <command> [args]`; `start` when none is given. A new command is one
 * file in commands/ and one line here (e.g. `keys: keys` for `keys mint …`).
 */
const commands: Record<string, Command> = {
  start,
  migrate,
  'seed-demo': seedDemo,
  keys,
  jobs,
  releases,
  agents,
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${(c.usage ?? name).padEnd(24)} ${c.summary}`);
  return ['Usage: npm run server -- <command>', '', 'Commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name = 'start', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Someone else has the data folder: that, and how to stop them, is the whole story.
    const inUse = folderInUse(error);
    if (inUse) error = inUse;
    console.error(error instanceof Error ? (error.cause ? `${error.message}: ${String(error.cause)}` : error.message) : error);
    process.exit(1);
  },
);
