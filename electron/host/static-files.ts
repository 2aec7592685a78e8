import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { cacheControlOf, contentTypeOf } from '../services/static/renderer-files';

/** Streams one file of the built renderer with the app's security headers. */
export function sendFile(res: ServerResponse, path: string, headOnly: boolean, headers: Record<string, string>) {
  res.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(path), 'Cache-Control': cacheControlOf(path) });
  if (headOnly) {
    res.end();
    return;
  }
  // pipeline destroys both sides when either fails (a read error, a peer that went away).
  pipeline(createReadStream(path), res, () => {});
}
