import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { cacheControlOf, contentTypeOf } from '../services/static/renderer-files';

/** Streams one file of the built renderer with the app's security headers. */
export function sendFile(res: ServerResponse, path: string, headOnly: boolean, headers: Record<string, string>) {
  res.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(path), 'Cache-Control': cacheControlOf(path) });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
