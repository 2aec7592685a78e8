import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHostStore } from '../../../electron/host/host-store';
import { pinnedKeyStorage, thisDeviceRecordStore } from '../../../electron/services/this-computer/this-computer-stores';
import { defaultDeviceName, describeMachine, desktopPlatform } from '../../../electron/services/this-computer/machine-description';
import { syntheticComponents, syntheticFingerprint } from '../../../electron/services/this-computer/synthetic-machine';
import { isPlaceholder, physicalMacs } from '../../../electron/services/fingerprint';
import { deviceFingerprintSchema, deviceNameSchema, registerDeviceBodySchema } from '../../../shared/api/devices';
import { matchesSameMachine } from '../../../shared/device-match';
import { device } from './support/device-service';

describe('synthetic machines (--machine-seed)', () => {
  it('the same seed is the same computer; another seed is another computer, not even a half match', () => {
    const a = syntheticFingerprint('alpha');
    expect(deviceFingerprintSchema.parse(a)).toEqual(a);
    expect(syntheticFingerprint('alpha')).toEqual(a);
    const b = syntheticFingerprint('beta');
    expect(b.fingerprint).not.toBe(a.fingerprint);
    const hashes = (f: typeof a) => f.components.map((c) => c.hash);
    expect(matchesSameMachine(hashes(a), hashes(b))).toBe(false);
    expect(a.components.map((c) => c.kind)).toEqual(['hardwareUuid', 'baseboardSerial', 'diskSerial', 'mac', 'osMachineId']);
  });

  it('makes components a real machine could have: no placeholders, a physical-looking MAC', () => {
    const raw = syntheticComponents('alpha');
    for (const { value } of raw) expect(isPlaceholder(value)).toBe(false);
    const mac = raw.find((c) => c.kind === 'mac')!.value;
    expect(physicalMacs([{ iface: 'eth0', ifaceName: 'eth0', mac, internal: false, virtual: false }])).toEqual([mac]);
    expect(() => syntheticComponents('  ')).toThrow(RangeError);
  });
});

describe('how this computer describes itself', () => {
  it('suggests the host name, made acceptable as a device name', () => {
    expect(defaultDeviceName('anna-laptop')).toBe('anna-laptop');
    expect(defaultDeviceName('  bad\u0007name\u202e ')).toBe('badname');
    const long = defaultDeviceName('x'.repeat(100));
    expect(deviceNameSchema.parse(long)).toHaveLength(64);
    expect(defaultDeviceName('\u0001')).toBe('This computer');
  });

  it('maps the platform and names the OS, falling back to the kernel when systeminformation fails', async () => {
    expect([desktopPlatform('win32'), desktopPlatform('darwin'), desktopPlatform('linux'), desktopPlatform('freebsd')]).toEqual([
      'windows',
      'macos',
      'linux',
      'linux',
    ]);
    expect(await describeMachine({ osInfo: async () => ({ distro: 'macOS', release: '14.5' }) }, 'darwin')).toEqual({ os: 'macOS 14.5', platform: 'macos' });
    const fallback = await describeMachine({ osInfo: async () => Promise.reject(new Error('no WMI')) }, 'win32');
    expect(fallback.platform).toBe('windows');
    expect(fallback.os.length).toBeGreaterThan(0);
  });

  it('names the OS in text the service accepts, whatever the OS reports', async () => {
    const odd = await describeMachine({ osInfo: async () => ({ distro: 'Linux\u0000Mint\u202e', release: '22\r\n' }) }, 'linux');
    expect(odd.os).toBe('Linux Mint 22');
    expect(registerDeviceBodySchema.shape.os.safeParse(odd.os).success).toBe(true);
  });
});

describe('the browser host’s store', () => {
  it('keeps the record and the licence pin across a reopen, keyed by service origin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-store-'));
    try {
      const url = 'http://127.0.0.1:4600';
      const record = { userId: 'u1', device: device(), lease: 'a.b.c', removedAt: null, lastCheckedAt: null };
      thisDeviceRecordStore(openHostStore(dir), url).set(record);
      const pin = { jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'A'.repeat(43) }, thumbprint: 't', pinnedAt: '2025-06-01T00:00:00.000Z' };
      pinnedKeyStorage(openHostStore(dir), url).set(pin);

      const reopened = openHostStore(dir);
      expect(thisDeviceRecordStore(reopened, url).get()).toEqual(record);
      expect(pinnedKeyStorage(reopened, url).get()).toEqual(pin);
      // Another service is another world: neither the record nor the pin apply.
      expect(thisDeviceRecordStore(reopened, 'http://127.0.0.1:4700').get()).toBeUndefined();
      expect(pinnedKeyStorage(reopened, 'http://127.0.0.1:4700').get()).toBeUndefined();
      expect(JSON.parse(await readFile(join(dir, 'this-computer.json'), 'utf8'))).toHaveProperty(['licencePin:http://127.0.0.1:4600']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts afresh from a damaged file instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-store-'));
    try {
      await writeFile(join(dir, 'this-computer.json'), '{ not json');
      const store = openHostStore(dir);
      expect(store.get('thisDevice')).toBeUndefined();
      store.set('x', 1);
      expect(openHostStore(dir).get('x')).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
