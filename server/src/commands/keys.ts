import { parseArgs } from 'node:util';
import { planIds, planIdSchema } from '../../../shared/plans';
import { loadConfig } from '../config';
import { MAX_KEY_COUNT as MAX_COUNT } from '../local-control/control-protocol';
import { MAX_TERM_YEARS } from '../subscriptions/product-keys';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

const usage = `keys mint --plan ${planIds.join('|')} --years N --count N`;

/** A whole number in [min, max], or undefined. */
function whole(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * `keys mint …`: prints new product keys, one a line (XXXXX-XXXXX-XXXXX-XXXXX), and stores
 * only their hashes, so this output is the one copy of the keys. Problems go to stderr
 * with exit code 2, so the output can be piped straight into a file. While a service runs on
 * the embedded database, that service mints them.
 */
export const keys: Command = {
  summary: 'print N new product keys, one a line (stores only their hashes)',
  usage,
  async run(args) {
    let values: { plan?: string; years?: string; count?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { plan: { type: 'string' }, years: { type: 'string' }, count: { type: 'string' } },
      }));
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run server -- ${usage}`);
      return 2;
    }
    const plan = planIdSchema.safeParse(values.plan);
    const termYears = whole(values.years, 1, MAX_TERM_YEARS);
    const count = whole(values.count, 1, MAX_COUNT);
    const problems = [
      positionals.length !== 1 || positionals[0] !== 'mint' ? 'the only keys command is "mint"' : undefined,
      plan.success ? undefined : `--plan is one of ${planIds.join(', ')}`,
      termYears === undefined ? `--years is a whole number from 1 to ${MAX_TERM_YEARS}` : undefined,
      count === undefined ? `--count is a whole number from 1 to ${MAX_COUNT}` : undefined,
    ].filter((p) => p !== undefined);
    if (problems.length > 0 || !plan.success || termYears === undefined || count === undefined) {
      console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${usage}`);
      return 2;
    }

    await print(await runTask(loadConfig(), { command: 'keys mint', plan: plan.data, termYears, count }));
    return 0;
  },
};
