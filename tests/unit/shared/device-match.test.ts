import { describe, expect, it } from 'vitest';
import {
  countSharedComponents,
  findSameMachine,
  matchesSameMachine,
  requiredSharedComponents,
} from '../../../shared/device-match';

const h = (label: string) => label.padEnd(64, '0');
const [uuid, board, disk, mac1, mac2, osId, newDisk, newMac, newOs] = ['a', 'b', 'c', 'd', 'e', 'f', '1', '2', '3'].map(
  h,
) as [string, string, string, string, string, string, string, string, string];

describe('the half-match rule', () => {
  const onRecord = [uuid, board, disk, mac1, osId];

  it('needs half of the larger set, rounded up', () => {
    expect(requiredSharedComponents(onRecord, onRecord)).toBe(3);
    expect(requiredSharedComponents([osId, mac1], [osId, newMac])).toBe(1);
    expect(requiredSharedComponents([uuid, board, disk, mac1, mac2, osId], [osId])).toBe(3);
    expect(requiredSharedComponents([osId], [])).toBe(1);
  });

  it('keeps a machine the same after one or two new parts in five', () => {
    expect(matchesSameMachine(onRecord, [uuid, board, newDisk, mac1, osId])).toBe(true);
    expect(matchesSameMachine(onRecord, [uuid, board, newDisk, newMac, osId])).toBe(true);
    // A reinstalled OS and a new disk: 3 of 5 still agree.
    expect(matchesSameMachine(onRecord, [uuid, board, newDisk, mac1, newOs])).toBe(true);
  });

  it('calls it another machine when fewer than half agree', () => {
    expect(matchesSameMachine(onRecord, [uuid, board, newDisk, newMac, newOs])).toBe(false);
    expect(matchesSameMachine(onRecord, [newDisk, newMac, newOs])).toBe(false);
  });

  it('is measured against the larger set, so it is symmetric', () => {
    // 2 of the 5 on record presented (say, serials unreadable without admin rights).
    expect(matchesSameMachine(onRecord, [uuid, osId])).toBe(false);
    expect(matchesSameMachine([uuid, osId], onRecord)).toBe(false);
    const docked = [...onRecord, mac2];
    expect(matchesSameMachine(onRecord, docked)).toBe(true);
    expect(matchesSameMachine(docked, onRecord)).toBe(true);
  });

  it('works with a VM or container that has only a machine id and one MAC', () => {
    expect(matchesSameMachine([osId, mac1], [osId, mac1])).toBe(true);
    expect(matchesSameMachine([osId, mac1], [osId, newMac])).toBe(true);
    expect(matchesSameMachine([osId, mac1], [newOs, newMac])).toBe(false);
  });

  it('counts duplicates once and never matches on nothing', () => {
    expect(countSharedComponents([osId, osId, mac1], [osId])).toBe(1);
    expect(matchesSameMachine([osId, osId, osId], [osId, newMac, newOs])).toBe(false);
    expect(matchesSameMachine([], [])).toBe(false);
    expect(matchesSameMachine([osId], [])).toBe(false);
  });
});

describe('findSameMachine', () => {
  const devices = [
    { id: 'old-laptop', components: [newDisk, newMac, newOs] },
    { id: 'desk-half', components: [uuid, board, newDisk, newMac] },
    { id: 'desk', components: [uuid, board, disk, mac1, osId] },
  ];

  it('picks the device sharing the most hashes', () => {
    const found = findSameMachine(devices, [uuid, board, disk, mac1, osId], (d) => d.components);
    expect(found?.id).toBe('desk');
  });

  it('returns undefined when no device passes the rule', () => {
    expect(findSameMachine(devices, [h('9'), h('8'), uuid], (d) => d.components)).toBeUndefined();
  });
});
