#!/usr/bin/env node
// Runs the integration suite on the embedded database (PGlite), then, when DATABASE_URL is
// set, the same suite again against PostgreSQL. Fails when either run fails.
// Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';

const args = ['vitest', 'run', '--project', 'integration', ...process.argv.slice(2)];
const databaseUrl = process.env.DATABASE_URL;

function run(label, env) {
  console.log(`\n▶ Integration tests on ${label}\n`);
  const result = spawnSync('npx', args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.error) console.error(result.error);
  return result.status ?? 1;
}

const { DATABASE_URL: _unused, ...withoutDatabase } = process.env;
const results = [['PGlite', run('PGlite (embedded)', withoutDatabase)]];
if (databaseUrl) results.push(['PostgreSQL', run(`PostgreSQL (${new URL(databaseUrl).host})`, process.env)]);

for (const [label, status] of results) console.log(`${label}: ${status === 0 ? 'passed' : `failed (exit ${status})`}`);
process.exit(results.every(([, status]) => status === 0) ? 0 : 1);
