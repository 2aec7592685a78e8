import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FINGERPRINT_APP_KEY,
  NoFingerprintComponentsError,
  computeFingerprint,
  hashComponents,
  readRawComponents,
} from '../../../electron/services/fingerprint';
import { deviceFingerprintSchema } from '../../../shared/api/devices';
import { matchesSameMachine } from '../../../shared/device-match';
import { container, desktop, fakeSystem, nic } from './fake-system';

describe('hashComponents', () => {
  it('gives one HMAC per component and a fingerprint over the sorted hashes', async () => {
    const result = await computeFingerprint(fakeSystem(desktop));
    expect(deviceFingerprintSchema.parse(result)).toEqual(result);
    expect(result.components.map((c) => c.kind)).toEqual([
      'hardwareUuid',
      'baseboardSerial',
      'diskSerial',
      'mac',
      'mac',
      'osMachineId',
    ]);
    const sorted = result.components.map((c) => c.hash).sort();
    expect(result.fingerprint).toBe(createHash('sha256').update(sorted.join('')).digest('hex'));
  });

  it('is stable: same machine, same fingerprint, whatever order the OS lists things in', async () => {
    const first = await computeFingerprint(fakeSystem(desktop));
    const again = await computeFingerprint(fakeSystem(desktop));
    const shuffled = await computeFingerprint(fakeSystem({ ...desktop, nics: [...(desktop.nics ?? [])].reverse() }));
    expect(again).toEqual(first);
    expect(shuffled).toEqual(first);
    const raw = await readRawComponents(fakeSystem(desktop));
    expect(hashComponents([...raw].reverse())).toEqual(first);
  });

  it('changes the fingerprint with a new part, while the half-match rule keeps it the same machine', async () => {
    const before = await computeFingerprint(fakeSystem(desktop));
    const newNic = await computeFingerprint(fakeSystem({ ...desktop, nics: [nic('enp3s0', '00:1b:21:3a:4f:10')] }));
    expect(newNic.fingerprint).not.toBe(before.fingerprint);
    const hashes = (f: typeof before) => f.components.map((c) => c.hash);
    expect(matchesSameMachine(hashes(before), hashes(newNic))).toBe(true);
    const other = await computeFingerprint(fakeSystem(container));
    expect(matchesSameMachine(hashes(before), hashes(other))).toBe(false);
  });

  it('works with only a machine id and one MAC', async () => {
    const result = await computeFingerprint(fakeSystem(container));
    expect(result.components.map((c) => c.kind)).toEqual(['mac', 'osMachineId']);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a different app key gives different hashes', async () => {
    const raw = await readRawComponents(fakeSystem(desktop));
    const ours = hashComponents(raw, FINGERPRINT_APP_KEY);
    const theirs = hashComponents(raw, 'another app');
    const ourHashes = new Set(ours.components.map((c) => c.hash));
    expect(theirs.components.some((c) => ourHashes.has(c.hash))).toBe(false);
    expect(theirs.fingerprint).not.toBe(ours.fingerprint);
    // and not the plain SHA-256 of the value either
    const plain = createHash('sha256').update('8f14e45fceea167a5a36dedd4bea2543').digest('hex');
    expect(ourHashes.has(plain)).toBe(false);
  });

  it('mixes the kind in: the same text under two kinds hashes differently', () => {
    const result = hashComponents([
      { kind: 'diskSerial', value: 'abc12345' },
      { kind: 'baseboardSerial', value: 'abc12345' },
    ]);
    expect(new Set(result.components.map((c) => c.hash)).size).toBe(2);
  });

  it('never puts a raw value in the output', async () => {
    const raws = [
      ...['8f14e45fceea167a5a36dedd4bea2543', '4C4C4544-0042-3510-8052-B4C04F384D32', '/7XB2Q13/CNWS200A3H01BL/'],
      ...['S4EVNF0M912345K', 'B4:2E:99:4A:1C:0F', 'a0:af:bd:e3:11:72'],
    ];
    const output = JSON.stringify(await computeFingerprint(fakeSystem(desktop))).toLowerCase();
    for (const raw of raws) {
      expect(output).not.toContain(raw.toLowerCase());
      expect(output).not.toContain(raw.toLowerCase().replace(/[-:/]/g, ''));
    }
  });

  it('refuses to fingerprint a machine that reports nothing', async () => {
    await expect(computeFingerprint(fakeSystem({ boardSerial: 'To be filled by O.E.M.' }))).rejects.toBeInstanceOf(
      NoFingerprintComponentsError,
    );
  });
});
