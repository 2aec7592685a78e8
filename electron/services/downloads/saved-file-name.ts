import { access } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * A file name the service sent, made safe to save: no folders, no control characters,
 * nothing that names the folder itself.
 */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'Palisade-installer' : cleaned;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** `folder/name`, or `name (2).ext`… when a file of that name is there already: a download never overwrites one. */
export async function freePath(folder: string, name: string): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? name : `${stem} (${n})${extension}`);
    if (!(await exists(path))) return path;
  }
}
