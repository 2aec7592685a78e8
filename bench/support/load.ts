import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Latencies and failures of one side of a bench, summed over its rounds. */
export interface Tally {
  latencies: number[];
  seconds: number;
  failures: Record<string, number>;
}
export const tally = (): Tally => ({ latencies: [], seconds: 0, failures: {} });

/** Runs `task` from `workers` loops for `seconds`; `task` returns an error label or nothing. */
export async function saturate(
  workers: number,
  seconds: number,
  task: (worker: number) => Promise<string | undefined>,
  into?: Tally,
): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const failure = await task(worker);
        if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
        else latencies.push(performance.now() - t);
      }
    }),
  );
  if (into) {
    into.latencies.push(...latencies);
    into.seconds += (performance.now() - started) / 1000;
    for (const [k, v] of Object.entries(failures)) into.failures[k] = (into.failures[k] ?? 0) + v;
  }
}

export interface Summary {
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: Record<string, number>;
}

export function summarise(t: Tally): Summary {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds: round(t.seconds),
    perSecond: round(sorted.length / t.seconds, 1),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    failures: t.failures,
  };
}

/** The 1-minute load average: the machine is shared, so every result says how busy it was. */
export const loadAverage = () => round(os.loadavg()[0] ?? NaN);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
