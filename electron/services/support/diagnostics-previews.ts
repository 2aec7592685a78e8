import { randomUUID } from 'node:crypto';
import type { DiagnosticsPreview, DiagnosticsReport } from '../../../shared/contract/tickets';
import { reportBytes } from './diagnostics';

/** Previews kept at once: a person has one New ticket form open, a few re-opens at most. */
export const MAX_PREVIEWS = 8;
/** A preview older than this is gone: the form was left long ago, and the report is stale. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000;

export interface DiagnosticsPreviews {
  /** Collects a report and keeps it under a new id. */
  create(): Promise<DiagnosticsPreview>;
  /** The very object that preview showed; undefined when unknown or expired. */
  get(previewId: string): DiagnosticsReport | undefined;
  clear(): void;
}

/**
 * What was shown is what is sent: the report stays in the main process under its preview's
 * id, and `tickets.create` names the id, never the content, so neither a changed log nor
 * the renderer can put anything else in its place. Bounded and expiring, since nothing
 * says a form shown will ever be sent.
 */
export function createDiagnosticsPreviews(options: {
  collect: () => Promise<DiagnosticsReport>;
  now?: () => number;
  max?: number;
  ttlMs?: number;
}): DiagnosticsPreviews {
  const { collect, now = Date.now, max = MAX_PREVIEWS, ttlMs = PREVIEW_TTL_MS } = options;
  const kept = new Map<string, { report: DiagnosticsReport; at: number }>();

  function prune() {
    const cutoff = now() - ttlMs;
    for (const [id, entry] of kept) if (entry.at <= cutoff) kept.delete(id);
    // A Map iterates in insertion order: the oldest go first.
    while (kept.size > max) kept.delete(kept.keys().next().value as string);
  }

  return {
    async create() {
      const report = await collect();
      const previewId = randomUUID();
      kept.set(previewId, { report, at: now() });
      prune();
      return { previewId, report, bytes: reportBytes(report) };
    },
    get(previewId) {
      prune();
      return kept.get(previewId)?.report;
    },
    clear: () => kept.clear(),
  };
}
