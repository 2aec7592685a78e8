#!/usr/bin/env node
// Electronegativity over the desktop app's code (electron/ and renderer/, TypeScript and
// HTML). It reports findings and still exits 0, so this script reads its findings and
// fails on any that security/electronegativity-allow.json does not list with a reason, on
// any listed entry that no longer matches a finding (the list must stay true), and on any
// file it could not parse (a file it cannot read is a file it did not check).
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

/** The folders scanned, as one input so the global checks (navigation limits, CSP) see main and renderer together. */
export const scannedFolders = ['electron', 'renderer'];
export const allowListPath = join(repoRoot, 'security', 'electronegativity-allow.json');

/**
 * Checks left out: this one downloads Electron's release list from GitHub to ask whether a
 * newer patch exists; the tests run offline, and the Electron version is kept current by
 * the dependency updates, not here.
 */
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

/** Whitespace runs collapsed, so a re-indented line still matches its entry. */
const normaliseCode = (code) => (typeof code === 'string' ? code.replace(/\s+/g, ' ').trim() : '');

/** One finding as the allow-list names it: the check, the file (relative, `/`), the code it points at. */
export function toFinding(issue) {
  return {
    check: issue.id,
    file: String(issue.file).split('\\').join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    code: normaliseCode(issue.sample),
    severity: issue.severity?.name ?? String(issue.severity),
    description: issue.description ?? '',
  };
}

const entryKey = ({ check, file, code }) => JSON.stringify([check, file, normaliseCode(code)]);

/**
 * Reads the allow-list and refuses a blanket entry: each names one check, one real file
 * and the reason a reviewer accepted it.
 */
export function parseAllowList(text) {
  const document = JSON.parse(text);
  if (!document || !Array.isArray(document.allowed)) throw new Error('The allow-list needs an "allowed" array');
  const seen = new Set();
  return document.allowed.map((entry, index) => {
    const where = `allow-list entry ${index + 1}`;
    for (const field of ['check', 'file', 'reason']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') throw new Error(`${where} needs a "${field}"`);
    }
    if (entry.code !== undefined && typeof entry.code !== 'string') throw new Error(`${where}: "code" is the finding's code, as text`);
    if (/[*?]/.test(entry.check) || /[*?]/.test(entry.file) || entry.file === 'N/A' || entry.file.endsWith('/')) {
      throw new Error(`${where} is a blanket entry: name one check and one file`);
    }
    if (entry.reason.trim().length < 30) throw new Error(`${where}: say why the finding is accepted (${entry.check} in ${entry.file})`);
    const allowed = { check: entry.check, file: entry.file, code: normaliseCode(entry.code), reason: entry.reason };
    const key = entryKey(allowed);
    if (seen.has(key)) throw new Error(`${where} repeats an earlier entry`);
    seen.add(key);
    return allowed;
  });
}

/**
 * Splits findings into the allowed and the unlisted, and names the entries that match no
 * finding any more (stale: the code they excused is gone or changed, so look again).
 */
export function triage(findings, allowList) {
  const byKey = new Map(allowList.map((entry) => [entryKey(entry), entry]));
  const used = new Set();
  const allowed = [];
  const unlisted = [];
  for (const finding of findings) {
    const key = entryKey(finding);
    const entry = byKey.get(key);
    if (entry) {
      used.add(key);
      allowed.push({ finding, reason: entry.reason });
    } else unlisted.push(finding);
  }
  const stale = allowList.filter((entry) => !used.has(entryKey(entry)));
  return { allowed, unlisted, stale };
}

/**
 * Electronegativity fetches translations from the internet at every run, and offline its
 * HTTP client's retry throws from a timer after the scan has begun, killing the process.
 * The tests run offline, so it gets its own bundled English catalogue instead: its
 * translation loader, configured as it configures itself, without the download.
 */
function useBundledTranslations() {
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const loaderPath = toolRequire.resolve('./locales/i18n.js');
  const i18n = toolRequire('i18n');
  const loader = new Module(loaderPath);
  loader.filename = loaderPath;
  loader.loaded = true;
  loader.exports = {
    __esModule: true,
    default: async () => {
      i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(loaderPath), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: global });
      i18n.setLocale('en-US');
    },
  };
  require.cache[loaderPath] = loader;
}

/** Runs Electronegativity (its programmatic entry, no report file) over the scanned folders. */
export async function scan({ root = repoRoot, folders = scannedFolders } = {}) {
  // The installed Electron's version, so the tool never looks it up.
  const electronVersion = JSON.parse(await readFile(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const input = await mkdtemp(join(tmpdir(), 'palisade-electronegativity-'));
  try {
    for (const folder of folders) await symlink(resolve(root, folder), join(input, folder));
    useBundledTranslations();
    const electronegativity = require('@doyensec/electronegativity');
    const run = electronegativity.default ?? electronegativity;
    const result = await run(
      { input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: excludedChecks, customScan: [] },
      false,
    );
    return {
      electronVersion,
      checks: result.globalChecks + result.atomicChecks,
      findings: result.issues.map(toFinding),
      unparsed: result.errors.filter((error) => !error.tolerable).map((error) => ({ file: relative(input, error.file).split('\\').join('/'), message: error.message })),
    };
  } finally {
    await rm(input, { recursive: true, force: true });
  }
}

const describe = (finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column}${finding.code ? `  ${finding.code.slice(0, 120)}` : ''}`;

async function main() {
  const allowList = parseAllowList(await readFile(allowListPath, 'utf8'));
  const { electronVersion, checks, findings, unparsed } = await scan();
  const { allowed, unlisted, stale } = triage(findings, allowList);

  console.log(`Electronegativity: ${checks} checks over ${scannedFolders.join('/ and ')}/ (Electron ${electronVersion}): ${findings.length} findings, ${allowed.length} allowed.`);
  for (const { finding, reason } of allowed) console.log(`  allowed  ${describe(finding)}\n           ${reason}`);
  for (const finding of unlisted) {
    console.error(`  NOT ALLOWED  ${describe(finding)}\n               ${finding.description}`);
    console.error(`               Fix it, or add {"check":${JSON.stringify(finding.check)},"file":${JSON.stringify(finding.file)},"code":${JSON.stringify(finding.code)},"reason":"…"} to security/electronegativity-allow.json`);
  }
  for (const entry of stale) console.error(`  STALE  allow-list entry ${entry.check} in ${entry.file} matches no finding: remove it or update its code`);
  for (const error of unparsed) console.error(`  UNPARSED  ${error.file}: ${error.message}`);
  const failed = unlisted.length + stale.length + unparsed.length > 0;
  if (failed) console.error('Electronegativity: failed.');
  process.exit(failed ? 1 : 0);
}

if (import.meta.main) await main();
