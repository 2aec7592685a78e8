import { buildApp, listeningUrl } from '../app';
import { loadConfig } from '../config';
import { jobLines } from '../jobs/run-once';
import { openControlChannel } from '../local-control/control-server';
import { seedDemoAccount } from '../seed/demo-account';
import type { Command } from './command';
import { performTask } from './database-tasks';

export const LISTENING_LINE = 'Palisade account service listening at';

export const start: Command = {
  summary: 'migrate the database (unless MIGRATE_ON_START=false), then serve until SIGTERM/SIGINT (in-flight requests finish)',
  usage: 'start [--seed-demo]',
  async run(args) {
    const config = loadConfig();
    const app = await buildApp(config);
    if (args.includes('--seed-demo')) {
      const result = await seedDemoAccount(app.services.db, config.now());
      app.log.info(`demo account: ${result}`);
    }
    await app.listen({ port: config.port, host: config.host });
    // This process holds the embedded database alone: commands run meanwhile come to it.
    const control = config.databaseUrl
      ? undefined
      : await openControlChannel({
          dataDir: config.dataDir,
          perform: async (task) =>
            task.command === 'jobs run'
              ? jobLines(await app.services.jobs.runDue(task.now ? new Date(task.now) : config.now()))
              : performTask(app.services.db, config.now(), task, true),
          onError: (error) => app.log.warn({ err: error }, 'a command from the command line failed'),
        });
    // Tests and scripts/start.mjs read this line to learn the URL (PORT=0 picks a free port).
    console.log(`${LISTENING_LINE} ${listeningUrl(app)}`);

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    app.log.info({ signal }, 'shutting down');
    // A second signal means "now": stop waiting for in-flight work.
    const force = () => process.exit(1);
    process.once('SIGTERM', force);
    process.once('SIGINT', force);
    await control?.close();
    await app.close();
    return 0;
  },
};
