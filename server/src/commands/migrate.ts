import { loadConfig } from '../config';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

export const migrate: Command = {
  summary: 'bring the database schema up to date',
  async run() {
    await print(await runTask(loadConfig(), { command: 'migrate' }));
    return 0;
  },
};
