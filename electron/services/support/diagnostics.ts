import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_DIAGNOSTICS_BYTES } from '../../../shared/api/support-tickets';
import type { DiagnosticsReport } from '../../../shared/contract/tickets';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import { redactLine } from './diagnostics-redaction';

/** How much of the log's end is read: more than fits, so trimming decides, not the read. */
export const LOG_TAIL_BYTES = 512 * 1024;
/** The most lines a report carries, however short they are. */
export const LOG_TAIL_LINES = 2_000;

export interface DiagnosticsSources {
  app: { version: string; host: 'electron' | 'browser'; platform: string };
  /** The OS as a person names it, its version and the CPU architecture. */
  os: () => Promise<{ name: string; version: string; arch: string }>;
  protection: () => Promise<ThisComputerState>;
  /** The log file's path (logs/palisade.log in the data folder); absent: no lines. */
  logFile?: string | undefined;
  /** The signed-in account's address, which may stay in the lines. */
  accountEmail: () => Promise<string | null>;
  now?: () => Date;
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The last whole lines of a file, at most `maxBytes` of it, oldest first; none when it
 * cannot be read (no log yet, or the disk said no: a ticket goes without lines).
 */
export function readLogTail(path: string, maxBytes = LOG_TAIL_BYTES, maxLines = LOG_TAIL_LINES): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A read that began mid-file began mid-line: that partial first line is dropped.
    if (start > 0) lines.shift();
    return lines.filter((line) => line.trim() !== '').slice(-maxLines);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Leaves out the oldest lines until the report's JSON is at most `maxBytes`; a report
 * whose lines all went and still does not fit cannot happen with the fields it has.
 */
export function fitReport(report: DiagnosticsReport, maxBytes = MAX_DIAGNOSTICS_BYTES): DiagnosticsReport {
  let total = bytesOf(report);
  if (total <= maxBytes) return report;
  const lines = report.log.lines;
  let drop = 0;
  // Each line costs its JSON string and the comma before the next; the count's digits may grow.
  while (drop < lines.length && total > maxBytes) {
    total -= bytesOf(lines[drop]) + 1;
    drop += 1;
  }
  let fitted: DiagnosticsReport;
  for (;;) {
    fitted = { ...report, log: { ...report.log, lines: lines.slice(drop), linesLeftOut: report.log.linesLeftOut + drop } };
    if (bytesOf(fitted) <= maxBytes || drop >= lines.length) return fitted;
    drop += 1;
  }
}

/** What a ticket may carry about this app and computer, redacted and within the service's limit. */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<DiagnosticsReport> {
  const now = sources.now ?? (() => new Date());
  const [os, state, accountEmail] = await Promise.all([sources.os(), sources.protection(), sources.accountEmail()]);
  const raw = sources.logFile ? readLogTail(sources.logFile) : [];
  const redacted = raw.map((line) => redactLine(line, { accountEmail }));
  const fitted = fitReport({
    collectedAt: now().toISOString(),
    app: { ...sources.app },
    os,
    protection: {
      state: state.state,
      protectedUntil: state.protectedUntil,
      leaseExpiresAt: state.leaseExpiresAt,
      lastCheckedAt: state.lastCheckedAt,
      offline: state.offline,
      deviceId: state.device?.id ?? null,
    },
    // Fitted with the count of every line: the count sent is no longer, so it still fits.
    log: { lines: redacted.map((line) => line.text), linesLeftOut: 0, redactions: redacted.reduce((sum, line) => sum + line.count, 0) },
  });
  // Only the lines sent count: a secret in a line left out was never going to leave.
  const redactions = redacted.slice(fitted.log.linesLeftOut).reduce((sum, line) => sum + line.count, 0);
  return { ...fitted, log: { ...fitted.log, redactions } };
}

export const reportBytes = bytesOf;
