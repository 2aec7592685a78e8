import { parseArgs } from 'node:util';
import { planIds, planIdSchema } from '../../../shared/plans';
import { loadConfig } from '../config';
import { rotateAccessKey, rotateLicenceKey } from '../keys/key-rotation';
import { MAX_KEY_COUNT as MAX_COUNT } from '../local-control/control-protocol';
import { MAX_TERM_YEARS } from '../subscriptions/product-keys';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

const mintUsage = `keys mint --plan ${planIds.join('|')} --years N --count N`;
const rotateUsage = 'keys rotate --access [--drop-retired] | --licence [--from ISO]';
const usage = `${mintUsage}\n  ${rotateUsage}`;

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
 *
 * `keys rotate …`: a new access-token or licence key in KEYS_DIR (docs/key-rotation.md).
 * Only files change, and every running instance reads them within a second, so this runs
 * straight on the folder, beside running services, with no local channel.
 */
export const keys: Command = {
  summary: 'print N new product keys, one a line (stores only their hashes); rotate a signing key',
  usage,
  async run(args) {
    if (args[0] === 'rotate') return rotate(args.slice(1));
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
      positionals.length !== 1 || positionals[0] !== 'mint' ? 'the keys commands are "mint" and "rotate"' : undefined,
      plan.success ? undefined : `--plan is one of ${planIds.join(', ')}`,
      termYears === undefined ? `--years is a whole number from 1 to ${MAX_TERM_YEARS}` : undefined,
      count === undefined ? `--count is a whole number from 1 to ${MAX_COUNT}` : undefined,
    ].filter((p) => p !== undefined);
    if (problems.length > 0 || !plan.success || termYears === undefined || count === undefined) {
      console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${mintUsage}`);
      return 2;
    }

    await print(await runTask(loadConfig(), { command: 'keys mint', plan: plan.data, termYears, count }));
    return 0;
  },
};

async function rotate(args: string[]): Promise<number> {
  let values: { access?: boolean; licence?: boolean; 'drop-retired'?: boolean; from?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { access: { type: 'boolean' }, licence: { type: 'boolean' }, 'drop-retired': { type: 'boolean' }, from: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run server -- ${rotateUsage}`);
    return 2;
  }
  const from = values.from === undefined ? undefined : new Date(values.from);
  const problems = [
    values.access === values.licence ? 'say which key: --access or --licence' : undefined,
    values['drop-retired'] && !values.access ? '--drop-retired goes with --access' : undefined,
    values.from !== undefined && !values.licence ? '--from goes with --licence' : undefined,
    from !== undefined && Number.isNaN(from.getTime()) ? '--from is a time such as 2026-01-31T09:00:00Z' : undefined,
  ].filter((p) => p !== undefined);
  if (problems.length > 0) {
    console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${rotateUsage}`);
    return 2;
  }
  const { keysDir } = loadConfig();
  const now = new Date();
  if (values.access) {
    const done = await rotateAccessKey(keysDir, { now, dropRetired: values['drop-retired'] ?? false });
    console.log(`access-token key rotated: new kid ${done.kid}`);
    if (done.retiredKid && done.retiredKeyAcceptedUntil) {
      console.log(`the old kid ${done.retiredKid} still verifies until ${done.retiredKeyAcceptedUntil.toISOString()}`);
    }
    if (done.removed.length > 0) console.log(`no longer accepted: ${done.removed.join(', ')}`);
    return 0;
  }
  const done = await rotateLicenceKey(keysDir, { now, ...(from && { validFrom: from }) });
  console.log(`licence key rotated: statement ${done.sequence}, the new key signs leases from ${done.validFrom.toISOString()}`);
  return 0;
}
