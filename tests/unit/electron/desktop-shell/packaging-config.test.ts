import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../../electron/services/notifications/app-id';

// js-yaml (electron-updater's own YAML reader) has no types installed here.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const root = join(import.meta.dirname, '../../../..');
interface Publish {
  provider: string;
  url: string;
}
interface Target {
  target: string;
}
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  publish: Publish;
  nsis: { perMachine: boolean; oneClick: boolean };
  mac: { target: Target[]; publish: Publish; icon: string };
  win: { target: Target[]; publish: Publish; icon: string };
  linux: { target: string[]; publish: Publish; icon: string };
};
const file = (path: string) => readFileSync(join(root, path));

describe('electron-builder.yml', () => {
  it('installs per user on Windows, makes a DMG and the ZIP macOS updates need, and an AppImage', () => {
    expect(config.nsis.perMachine).toBe(false);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target).sort()).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage']);
  });

  it("publishes each platform to the service's generic feed for it", () => {
    const feeds = { win: 'windows', mac: 'macos', linux: 'linux' } as const;
    for (const [platform, folder] of Object.entries(feeds)) {
      const publish = config[platform as keyof typeof feeds].publish;
      expect(publish.provider, platform).toBe('generic');
      expect(new URL(publish.url).pathname, platform).toBe(`/updates/${folder}`);
    }
    expect(config.publish.provider).toBe('generic');
  });

  it('has the appId the notifications glue sets as the Windows AppUserModelID', () => {
    expect(config.appId).toBe(APP_ID);
  });
});

describe('the icons in build/', () => {
  const pngSize = (png: Buffer) => {
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('are PNGs of their sizes, made from one SVG', () => {
    expect(file('build/icon.svg').toString()).toContain('<svg');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(file(`build/icons/${size}x${size}.png`)), String(size)).toEqual([size, size]);
    }
    for (const state of ['protected', 'attention', 'unprotected']) {
      expect(pngSize(file(`build/tray-${state}.png`)), state).toEqual([32, 32]);
    }
  });

  it('include an ICO whose entries are PNGs at their offsets, and an ICNS of ic07…ic10 PNG chunks', () => {
    const ico = file('build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const size = ico.readUInt8(entry) || 256;
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual([size, size]);
    }

    const icns = file('build/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks: Record<string, number[]> = {};
    for (let at = 8; at < icns.length; ) {
      const length = icns.readUInt32BE(at + 4);
      chunks[icns.subarray(at, at + 4).toString('ascii')] = pngSize(icns.subarray(at + 8, at + length));
      at += length;
    }
    expect(chunks).toEqual({ ic07: [128, 128], ic08: [256, 256], ic09: [512, 512], ic10: [1024, 1024] });
  });
});
