import { loadConfig } from '../config';
import { DEMO_ACCOUNT } from '../seed/demo-account';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

export const seedDemo: Command = {
  summary: `create the demo account ${DEMO_ACCOUNT.email} with a subscription and two devices (idempotent); print two new product keys`,
  async run() {
    await print(await runTask(loadConfig(), { command: 'seed-demo' }));
    return 0;
  },
};
