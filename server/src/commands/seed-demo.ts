import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { DEMO_ACCOUNT, seedDemoAccount } from '../seed/demo-account';
import { mintProductKeys } from '../subscriptions/product-keys';
import type { Command } from './command';

export const seedDemo: Command = {
  summary: `create the demo account ${DEMO_ACCOUNT.email} with a subscription and two devices (idempotent); print two new product keys`,
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
      // Keys are stored hashed, so earlier ones cannot be shown again: each run mints two new ones.
      const keys = await mintProductKeys(db, { plan: 'family', termYears: 1, count: 2, now: config.now() });
      console.log(`It has a family subscription with two devices. Unused product keys to try activation with:\n${keys.join('\n')}`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
