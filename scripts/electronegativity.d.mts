// Types for scripts/electronegativity.mjs, for its unit tests.
export interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  description: string;
}
export interface AllowedEntry {
  check: string;
  file: string;
  code: string;
  reason: string;
}
export const scannedFolders: string[];
export const allowListPath: string;
export function toFinding(issue: unknown): Finding;
export function parseAllowList(text: string): AllowedEntry[];
export function triage(
  findings: Finding[],
  allowList: AllowedEntry[],
): { allowed: { finding: Finding; reason: string }[]; unlisted: Finding[]; stale: AllowedEntry[] };
export function scan(options?: { root?: string; folders?: string[] }): Promise<{
  electronVersion: string;
  checks: number;
  findings: Finding[];
  unparsed: { file: string; message: string }[];
}>;
