import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectDiagnostics, fitReport, readLogTail, reportBytes } from '../../../electron/services/support/diagnostics';
import { createDiagnosticsPreviews } from '../../../electron/services/support/diagnostics-previews';
import { ticketIdempotencyKey } from '../../../electron/services/support/tickets-handlers';
import { MAX_DIAGNOSTICS_BYTES } from '../../../shared/api/support-tickets';
import { diagnosticsReportSchema, type DiagnosticsReport } from '../../../shared/contract/tickets';
import { computerWithoutDevice } from '../../support/this-computer-fixtures';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function logFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-diag-'));
  dirs.push(dir);
  const path = join(dir, 'palisade.log');
  writeFileSync(path, text);
  return path;
}

const sources = (path?: string) => ({
  app: { version: '1.2.3', host: 'electron' as const, platform: 'linux' },
  os: async () => ({ name: 'Ubuntu 24.04', version: '6.8.0', arch: 'x64' }),
  protection: async () => computerWithoutDevice('unregistered', 'desk'),
  logFile: path,
  accountEmail: async () => 'anna@example.test',
  now: () => new Date('2026-12-03T09:00:00.000Z'),
});

describe('collecting diagnostics', () => {
  it('says what the app, the OS and this computer are, with the log’s last lines redacted and counted', async () => {
    const path = logFile('line one anna@example.test\ncode 123456 for bob@x.example\n\n');
    const report = await collectDiagnostics(sources(path));
    expect(diagnosticsReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      collectedAt: '2026-12-03T09:00:00.000Z',
      app: { version: '1.2.3', host: 'electron', platform: 'linux' },
      os: { name: 'Ubuntu 24.04', version: '6.8.0', arch: 'x64' },
      protection: { state: 'unregistered', deviceId: null },
      log: { lines: ['line one anna@example.test', 'code [redacted] for [redacted]'], linesLeftOut: 0, redactions: 2 },
    });
  });

  it('goes without lines when there is no log file', async () => {
    expect((await collectDiagnostics(sources(join(tmpdir(), 'no-such-dir-palisade', 'palisade.log')))).log.lines).toEqual([]);
    expect((await collectDiagnostics(sources())).log.lines).toEqual([]);
  });

  it('reads whole lines from the end of a big log, the partial first one dropped', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `line ${i} ${'x'.repeat(200)}`);
    const tail = readLogTail(logFile(`${lines.join('\n')}\n`), 64 * 1024, 10_000);
    expect(tail.at(-1)).toBe(lines.at(-1));
    expect(tail.length).toBeLessThan(lines.length);
    expect(lines.slice(-tail.length)).toEqual(tail);
  });

  it('leaves out the oldest lines until the JSON is within 256 KB, and says how many', async () => {
    // 2,000 lines of ~200 bytes (é is two): about 400 KB, all read, half again over the limit.
    const lines = Array.from({ length: 2_000 }, (_, i) => `${String(i).padStart(5, '0')} ${'é'.repeat(97)}`);
    const report = await collectDiagnostics(sources(logFile(lines.join('\n'))));
    expect(reportBytes(report)).toBeLessThanOrEqual(MAX_DIAGNOSTICS_BYTES);
    expect(reportBytes(report)).toBeGreaterThan(MAX_DIAGNOSTICS_BYTES - 400);
    expect(report.log.linesLeftOut).toBeGreaterThan(0);
    expect(report.log.linesLeftOut + report.log.lines.length).toBe(2_000);
    expect(report.log.lines.at(-1)).toBe(lines.at(-1));
  });

  it('fits a report exactly at any limit', () => {
    const base: DiagnosticsReport = {
      collectedAt: '2026-12-03T09:00:00.000Z',
      app: { version: '1', host: 'browser', platform: 'linux' },
      os: { name: 'x', version: 'y', arch: 'z' },
      protection: { state: 'signedOut', protectedUntil: null, leaseExpiresAt: null, lastCheckedAt: null, offline: false, deviceId: null },
      log: { lines: Array.from({ length: 50 }, (_, i) => `l${i}`.repeat(i + 1)), linesLeftOut: 0, redactions: 0 },
    };
    for (let limit = reportBytes({ ...base, log: { ...base.log, lines: [] } }) + 20; limit < reportBytes(base); limit += 97) {
      const fitted = fitReport(base, limit);
      expect(reportBytes(fitted)).toBeLessThanOrEqual(limit);
      expect(fitted.log.lines).toEqual(base.log.lines.slice(fitted.log.linesLeftOut));
    }
  });
});

describe('kept previews', () => {
  const report = (n: number) => ({ n }) as unknown as DiagnosticsReport;

  it('answers the very object previewed, by its id', async () => {
    let n = 0;
    const previews = createDiagnosticsPreviews({ collect: async () => report(++n) });
    const first = await previews.create();
    const second = await previews.create();
    expect(previews.get(first.previewId)).toBe(first.report);
    expect(previews.get(second.previewId)).toBe(second.report);
    expect(first.previewId).not.toBe(second.previewId);
  });

  it('keeps a few, the oldest going first, and forgets them after their time', async () => {
    let clock = 0;
    const previews = createDiagnosticsPreviews({ collect: async () => report(clock), now: () => clock, max: 3, ttlMs: 1_000 });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await previews.create()).previewId);
    expect(previews.get(ids[0]!)).toBeUndefined();
    expect(previews.get(ids[3]!)).toBeDefined();
    clock = 1_000;
    expect(previews.get(ids[3]!)).toBeUndefined();
  });
});

describe('the Idempotency-Key of a new ticket', () => {
  it('is the same for the same draft and content, and differs for an edited draft or another draft', () => {
    const draft = '8a4f3c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    const body = { subject: 'a', category: 'other', body: 'b' };
    expect(ticketIdempotencyKey(draft, body)).toBe(ticketIdempotencyKey(draft, { ...body }));
    expect(ticketIdempotencyKey(draft, { ...body, body: 'c' })).not.toBe(ticketIdempotencyKey(draft, body));
    expect(ticketIdempotencyKey('00000000-1b2c-4d5e-8f90-a1b2c3d4e5f6', body)).not.toBe(ticketIdempotencyKey(draft, body));
    expect(ticketIdempotencyKey(draft, body)).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});
