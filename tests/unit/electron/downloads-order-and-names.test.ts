import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadUrl } from '../../../electron/services/downloads/download-url';
import { orderForThisComputer, platformOf } from '../../../electron/services/downloads/installer-order';
import { freePath, safeFileName } from '../../../electron/services/downloads/saved-file-name';
import type { Download } from '../../../shared/api/downloads';

const item = (platform: Download['platform']): Download => ({ id: platform, product: 'Palisade', platform, minimumOs: 'x', instructions: [] });

describe('the downloads for this computer', () => {
  it('puts this computer’s installer first, then the other computers’, then the phones’', () => {
    const service = [item('windows'), item('macos'), item('linux'), item('android'), item('ios')];
    expect(orderForThisComputer(service, platformOf('darwin')).map((d) => d.platform)).toEqual(['macos', 'windows', 'linux', 'android', 'ios']);
    expect(orderForThisComputer(service, platformOf('linux')).map((d) => d.platform)).toEqual(['linux', 'windows', 'macos', 'android', 'ios']);
    expect(orderForThisComputer([item('android'), item('windows')], 'windows').map((d) => d.platform)).toEqual(['windows', 'android']);
  });

  it('saves under a name that cannot leave the Downloads folder, and never over another file', async () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('Pali\u202Esade\u0000.exe')).toBe('Palisade.exe');
    expect(safeFileName('..')).toBe('Palisade-installer');
    const folder = await mkdtemp(join(tmpdir(), 'palisade-names-'));
    try {
      expect(await freePath(folder, 'Setup.exe')).toBe(join(folder, 'Setup.exe'));
      await writeFile(join(folder, 'Setup.exe'), 'x');
      await writeFile(join(folder, 'Setup (2).exe'), 'x');
      expect(await freePath(folder, 'Setup.exe')).toBe(join(folder, 'Setup (3).exe'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('where a download comes from', () => {
  it('is the service itself, whatever the list says', () => {
    const base = 'http://127.0.0.1:4600';
    expect(downloadUrl(base, '/v1/downloads/abc/file')).toBe('http://127.0.0.1:4600/v1/downloads/abc/file');
    expect(downloadUrl('https://account.palisade.test/', '/v1/downloads/abc/file')).toBe('https://account.palisade.test/v1/downloads/abc/file');
    for (const path of ['@evil.example/x', '//evil.example/x', 'https://evil.example/x', '/\\evil.example/x', 'v1/downloads/x', '']) {
      expect(downloadUrl(base, path), path).toBeUndefined();
    }
  });
});
