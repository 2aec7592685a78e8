import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves a URL path to a file of the built renderer, or null. Paths that try to leave
 * the folder are null; a path without an extension is a client-side route and gets
 * index.html (the renderer's router takes it from there).
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = normalize(root + sep);
  const candidate = normalize(join(base, decoded));
  if (!candidate.startsWith(base)) return null;
  if (await isFile(candidate)) return candidate;
  if (extname(decoded) === '') {
    const index = join(base, 'index.html');
    return (await isFile(index)) ? index : null;
  }
  return null;
}

/** Streams a file; HTML is never cached (it names the current bundle), hashed assets forever. */
export function sendFile(res: ServerResponse, path: string, headOnly: boolean, headers: Record<string, string>) {
  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const hashed = path.includes(`${sep}assets${sep}`);
  const cache = path.endsWith('.html') ? 'no-store' : hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
