import { stat } from 'node:fs/promises';
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

export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** HTML names the current bundle and is never cached; hashed assets never change. */
export function cacheControlOf(path: string): string {
  if (path.endsWith('.html')) return 'no-store';
  return path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

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
 * index.html (the renderer's router takes it from there). Used by the Electron `app://`
 * protocol and by the browser host alike.
 */
export async function resolveRendererFile(root: string, pathname: string): Promise<string | null> {
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
