import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { DEMO_ACCOUNT, seedDemoAccount } from '../seed/demo-account';
import type { Command } from './command';

export const seedDemo: Command = {
  summary: `create the demo account ${DEMO_ACCOUNT.email} (idempotent)`,
  async run() {
    const config = loadConfig();
    const db = createDatabase(config);
    try {
      await migrateToLatest(db);
      const result = await seedDemoAccount(db, config.now());
      console.log(
        result === 'created'
          ? `Created the demo account ${DEMO_ACCOUNT.email} (password ${DEMO_ACCOUNT.password}).`
          : `The demo account ${DEMO_ACCOUNT.email} already exists.`,
      );
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
