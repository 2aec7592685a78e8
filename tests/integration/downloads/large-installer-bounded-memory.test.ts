import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadListSchema } from '../../../shared/api/downloads';
import { spawnService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client } from '../server/http';
import { useInstallerFiles } from './release-files';

const SIZE = 200 * 1024 * 1024;
/**
 * What streaming may cost the service on top of what it held before: half the file. V8 lets
 * tens of MB of spent chunk buffers pile up between collections (up to 64 MB was seen on
 * PostgreSQL, 2 MB on PGlite); a handler that held the file would need all 200.
 */
const RSS_GROWTH_LIMIT = 100 * 1024 * 1024;

const store = useServiceDataDir('palisade-big-release-');
const files = useInstallerFiles();

/** The service process's resident memory, from the kernel (not this test's own). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

/** Reads an answer's body chunk by chunk, keeping only its length and digest. */
async function drain(response: Response): Promise<{ length: number; sha256: string }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { length, sha256: hash.digest('hex') };
}

describe.skipIf(process.platform !== 'linux')('a 200 MB installer', () => {
  it('is served whole and in a range with the service’s memory bounded', async () => {
    // A sparse file of zeros: 200 MB to read, next to nothing to write.
    const path = join(await files.folder(), 'Palisade-Setup-9.0.0.exe');
    const handle = await open(path, 'w');
    await handle.truncate(SIZE);
    await handle.close();

    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const pid = service.child.pid!;
      const id = (await npmRunServer(store.env, 'releases', 'publish', '--platform', 'windows', '--version', '9.0.0', '--file', path)).stdout.trim();
      const api = client(service.url);
      const entry = downloadListSchema.parse((await api.get('/v1/downloads')).body).find((d) => d.id === id);
      expect(entry?.size).toBe(SIZE);
      const url = new URL(`/v1/downloads/${id}/file`, service.url);

      // Warm: the route and its code paths loaded (a 304 reads none of the file), then the level it settles at.
      const notModified = await fetch(url, { headers: { 'if-none-match': `"${entry?.sha256}"` } });
      expect(notModified.status).toBe(304);
      const baseline = await rssOf(pid);
      let peak = baseline;
      const sampler = setInterval(() => {
        void rssOf(pid).then((rss) => (peak = Math.max(peak, rss)), () => {});
      }, 20);
      try {
        const whole = await fetch(url);
        expect(whole.status).toBe(200);
        expect(whole.headers.get('content-length')).toBe(String(SIZE));
        const wholeRead = await drain(whole);
        expect(wholeRead).toEqual({ length: SIZE, sha256: entry?.sha256 });

        const part = await fetch(url, { headers: { range: `bytes=${SIZE / 2}-` } });
        expect(part.status).toBe(206);
        expect((await drain(part)).length).toBe(SIZE / 2);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, await rssOf(pid));
      console.info(`service RSS: ${(baseline / 2 ** 20).toFixed(1)} MB before, ${(peak / 2 ** 20).toFixed(1)} MB at most while serving 300 MB`);
      expect(peak - baseline).toBeLessThan(RSS_GROWTH_LIMIT);
    } finally {
      await service.stop();
    }
  }, 240_000);
});
