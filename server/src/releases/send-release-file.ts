import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/service-error';
import { ServiceError } from '../http/service-error';
import { ifRangeHolds, noneMatch, rangeAsked } from './byte-ranges';
import { type ReleaseRow, sizeOf, storedPath } from './release-store';

/** A download's validator: its SHA-256, so the same bytes always have the same tag. */
export const releaseEtag = (release: Pick<ReleaseRow, 'sha256'>): string => `"${release.sha256}"`;

/**
 * Sends a release's file, or the byte range asked for, streamed from disk (never the whole
 * file in memory): `206` with `Content-Range` for a range, `416` for one past the end,
 * `304` when `If-None-Match` already has it, and the whole file when `If-Range` names
 * another one.
 */
export async function sendReleaseFile(
  request: FastifyRequest,
  reply: FastifyReply,
  release: ReleaseRow,
  dataDir: string,
): Promise<FastifyReply> {
  const path = storedPath(dataDir, release);
  // The row without its file (removed by hand): the same 404 as an unknown id.
  if (!(await stat(path).catch(() => undefined))?.isFile()) throw new ServiceError('NOT_FOUND', 'There is no such download.');
  const size = sizeOf(release);
  const etag = releaseEtag(release);
  const lastModified = release.published_at.toUTCString();
  void reply
    .header('etag', etag)
    .header('last-modified', lastModified)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(release.file_name)}`);

  if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();

  const header = request.headers.range;
  const ifRange = request.headers['if-range'];
  const range = ifRangeHolds(typeof ifRange === 'string' ? ifRange : undefined, etag, lastModified) ? rangeAsked(header, size) : ({ kind: 'whole' } as const);
  if (range.kind === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${size}`)
      .type('application/json; charset=utf-8')
      .send(errorBody('VALIDATION_FAILED', 'The range asked for is outside the file.', { size }));
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  if (range.kind === 'part') void reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  return reply
    .header('content-length', String(end - start + 1))
    .type('application/octet-stream')
    .send(createReadStream(path, { start, end }));
}
