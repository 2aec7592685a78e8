/**
 * `npm run bench [-- <name>…]`: runs every bench/<name>.ts whose default export (or `run`
 * export) is an async function returning a JSON-able result — or only the named ones —
 * one after another so they do not compete for the cores, and writes each result to
 * bench/results/<name>.json with the time and the machine it was recorded on.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<Record<string, unknown>>;

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);

const names = (await readdir(benchDir))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
  .map((f) => basename(f, '.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

await mkdir(join(benchDir, 'results'), { recursive: true });
let failed = 0;
for (const name of names) {
  const module = (await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)) as { default?: Bench; run?: Bench };
  const bench = module.default ?? module.run;
  if (typeof bench !== 'function') continue;
  console.log(`▶ ${name}`);
  try {
    const result = await bench();
    const record = { name, recordedAt: new Date().toISOString(), machine: machine(), ...result };
    await writeFile(join(benchDir, 'results', `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    const summary = typeof result.summary === 'string' ? result.summary : 'done';
    const met = targetsMet(result);
    console.log(`  ${summary}${met === undefined ? '' : met ? ' — target met' : ' — BELOW TARGET'}`);
  } catch (error) {
    failed++;
    console.error(`  ${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);

/** Benches say whether they met their targets as `meetsTarget(s)`, at the top or in `results`. */
function targetsMet(result: Record<string, unknown>): boolean | undefined {
  for (const scope of [result, result.results]) {
    if (typeof scope !== 'object' || scope === null) continue;
    for (const key of ['meetsTarget', 'meetsTargets']) {
      const value = (scope as Record<string, unknown>)[key];
      if (typeof value === 'boolean') return value;
    }
  }
  return undefined;
}

function machine() {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
}
