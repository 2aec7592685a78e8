import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { Command } from './command';

export const migrate: Command = {
  summary: 'bring the database schema up to date',
  async run() {
    const db = createDatabase(loadConfig());
    try {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
