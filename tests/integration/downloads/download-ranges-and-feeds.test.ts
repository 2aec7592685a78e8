import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// electron-updater's own reading of a feed: what the app's updater will do with ours.
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider.js';
import * as updaterUtil from 'electron-updater/out/util.js';
import type { DesktopPlatform } from '../../../shared/api/downloads';
import { downloadListSchema } from '../../../shared/api/downloads';
import { copyIntoStore, recordRelease } from '../../../server/src/releases/release-store';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';
import { sha256Hex, sha512Base64, useInstallerFiles } from './release-files';

// newBaseUrl is what GenericProvider makes of its configured url; its typings leave it out.
const { newBaseUrl, newUrlFromBase } = updaterUtil as typeof updaterUtil & { newBaseUrl(url: string): URL };

const { service, api } = useService({ smtp: false });
const files = useInstallerFiles();

/** Publishes as the CLI does: the file copied into the store, then recorded. */
async function publish(platform: DesktopPlatform, version: string, name: string, size: number, rolloutPercent?: number) {
  const file = await files.make(name, size);
  const stored = await copyIntoStore(service.dataDir, file.path);
  const row = await recordRelease(
    service.services.db,
    { ...stored, platform, version, fileName: name, notes: undefined, rolloutPercent },
    service.services.now(),
  );
  return { id: row.id, bytes: file.bytes };
}

const bytesOf = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(new URL(path, service.url), { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
};

describe('downloading an installer', () => {
  it('answers the whole file, byte ranges (a-b, a-, -n) as 206, and 416 past the end', async () => {
    const { id, bytes } = await publish('windows', '2.0.0', 'Palisade Setup 2.0.0.exe', 1_000_000);
    const path = `/v1/downloads/${id}/file`;
    const etag = `"${sha256Hex(bytes)}"`;

    const whole = await bytesOf(path);
    expect(whole.response.status).toBe(200);
    expect(whole.response.headers.get('content-length')).toBe('1000000');
    expect(whole.response.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.response.headers.get('etag')).toBe(etag);
    expect(whole.response.headers.get('content-disposition')).toContain("filename*=UTF-8''Palisade%20Setup%202.0.0.exe");
    expect(whole.body.equals(bytes)).toBe(true);
    // HEAD: the same headers, no body (a download manager asks first).
    const head = await fetch(new URL(path, service.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000000');
    expect(head.headers.get('etag')).toBe(etag);
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=999990-', 999_990, 999_999],
      ['bytes=-10', 999_990, 999_999],
      ['bytes=500000-2000000', 500_000, 999_999], // clamped to the end
      ['bytes=-5000000', 0, 999_999], // a suffix longer than the file is all of it
    ];
    for (const [range, start, end] of cases) {
      const part = await bytesOf(path, { range });
      expect(part.response.status, range).toBe(206);
      expect(part.response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/1000000`);
      expect(part.response.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(part.body.equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }

    for (const range of ['bytes=1000000-', 'bytes=2000000-3000000', 'bytes=-0']) {
      const refused = await api.request('GET', path, { headers: { range } });
      expect(refused.headers.get('content-range'), range).toBe('bytes */1000000');
      expectError(refused, 416, 'VALIDATION_FAILED');
    }
    // Not one well-formed byte range: the whole file, as RFC 9110 lets a server do.
    for (const range of ['bytes=5-1', 'items=0-1', 'bytes=0-1,5-6']) {
      const ignored = await bytesOf(path, { range });
      expect(ignored.response.status, range).toBe(200);
      expect(ignored.body.length, range).toBe(1_000_000);
    }
  });

  it('resumes with If-Range only for the same file, and answers 304 to If-None-Match', async () => {
    const { id, bytes } = await publish('linux', '2.0.0', 'Palisade-2.0.0.AppImage', 100_000);
    const path = `/v1/downloads/${id}/file`;
    const etag = `"${sha256Hex(bytes)}"`;
    const resumed = await bytesOf(path, { range: 'bytes=60000-', 'if-range': etag });
    expect(resumed.response.status).toBe(206);
    expect(Buffer.concat([bytes.subarray(0, 60_000), resumed.body]).equals(bytes)).toBe(true);
    // Another file's tag: the part the client holds is of something else, so it gets all of this one.
    const changed = await bytesOf(path, { range: 'bytes=60000-', 'if-range': `"${'0'.repeat(64)}"` });
    expect(changed.response.status).toBe(200);
    expect(changed.body.equals(bytes)).toBe(true);
    const cached = await fetch(new URL(path, service.url), { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect((await fetch(new URL(path, service.url), { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('answers 404 in the envelope for an id that names nothing', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'x'.repeat(90)]) {
      expectError(await api.get(`/v1/downloads/${id}/file`), 404, 'NOT_FOUND');
    }
  });

  it('lists the phones with their store pages, and activation steps in the request’s language', async () => {
    const english = downloadListSchema.parse((await api.request('GET', '/v1/downloads', { headers: { 'accept-language': 'en-GB' } })).body);
    const german = downloadListSchema.parse((await api.request('GET', '/v1/downloads', { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).body);
    expect(english.find((d) => d.platform === 'android')?.storeUrl).toBe('https://play.google.com/store/apps/details?id=test.palisade.app');
    expect(english.find((d) => d.platform === 'ios')?.storeUrl).toBe('https://apps.apple.com/app/palisade/id6450000000');
    const windowsEn = english.find((d) => d.platform === 'windows')!.instructions;
    const windowsDe = german.find((d) => d.platform === 'windows')!.instructions;
    expect(windowsEn.length).toBeGreaterThanOrEqual(3);
    expect(windowsDe).toHaveLength(windowsEn.length);
    expect(windowsEn[1]).toContain('Sign in');
    expect(windowsDe[1]).toContain('Melden Sie sich');
  });
});

/** Reads a feed as electron-updater's generic provider does, and fetches the file it names. */
async function readFeed(platform: DesktopPlatform, channelFile: string) {
  const baseUrl = newBaseUrl(`${service.url}/updates/${platform}`);
  const channelUrl = newUrlFromBase(channelFile, baseUrl);
  const response = await fetch(channelUrl);
  expect(response.status).toBe(200);
  const info = parseUpdateInfo(await response.text(), channelFile, channelUrl);
  const [file] = resolveFiles(info, baseUrl);
  return { info, file: file! };
}

describe('the update feeds', () => {
  it('are what electron-updater reads: version, sha512 and size of a file whose bytes match, for each platform', async () => {
    const published = {
      windows: await publish('windows', '3.0.0', 'Palisade Setup 3.0.0.exe', 250_000),
      macos: await publish('macos', '3.0.0', 'Palisade-3.0.0-mac.zip', 150_000),
      linux: await publish('linux', '3.0.0', 'Palisade-3.0.0.AppImage', 120_000),
    };
    for (const [platform, channelFile] of [['windows', 'latest.yml'], ['macos', 'latest-mac.yml'], ['linux', 'latest-linux.yml']] as const) {
      const { info, file } = await readFeed(platform, channelFile);
      const { bytes } = published[platform];
      expect(info.version).toBe('3.0.0');
      expect(info.sha512).toBe(sha512Base64(bytes));
      expect(info.stagingPercentage).toBeUndefined();
      expect(new Date(info.releaseDate).getTime()).toBeGreaterThan(0);
      expect(file.info).toMatchObject({ sha512: sha512Base64(bytes), size: bytes.length });
      // The url resolves, relative to the feed, to the very bytes the digest is of.
      const download = await fetch(file.url);
      expect(download.status).toBe(200);
      const body = Buffer.from(await download.arrayBuffer());
      expect(createHash('sha512').update(body).digest('base64')).toBe(info.sha512);
      // electron-updater resumes and takes differential blocks with ranges.
      const part = await fetch(file.url, { headers: { range: 'bytes=10-19' } });
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    }
    // A feed name of another platform, or a platform with none, is a 404 in the envelope.
    expectError(await api.get('/updates/windows/latest-mac.yml'), 404, 'NOT_FOUND');
    expectError(await api.get('/updates/beos/latest.yml'), 404, 'NOT_FOUND');
    expectError(await api.get('/updates/windows/3.0.0/other.exe'), 404, 'NOT_FOUND');
  });

  it('carry stagingPercentage for a staged release, the newest by version', async () => {
    await publish('macos', '3.1.0', 'Palisade-3.1.0-mac.zip', 50_000, 25);
    await publish('macos', '3.0.9', 'Palisade-3.0.9-mac.zip', 50_000); // published later, but older
    const { info, file } = await readFeed('macos', 'latest-mac.yml');
    expect(info.version).toBe('3.1.0');
    expect(info.stagingPercentage).toBe(25);
    expect(file.url.pathname).toBe('/updates/macos/3.1.0/Palisade-3.1.0-mac.zip');
  });
});
