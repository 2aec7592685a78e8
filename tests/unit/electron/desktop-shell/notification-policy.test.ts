import { describe, expect, it } from 'vitest';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import { osText } from '../../../../electron/services/notifications/os-text';
import {
  allNotificationsOn,
  type Candidate,
  decide,
  fromProtection,
  remember,
  type Sent,
  supportReply,
  throttleMs,
  told,
  updateReady,
  words,
} from '../../../../electron/services/notifications/notification-policy';

const now = new Date('2026-12-02T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000 - 60_000).toISOString();
const state = (overrides: Partial<ThisComputerState>): ThisComputerState => ({
  state: 'protected',
  device: null,
  protectedUntil: inDays(200),
  leaseExpiresAt: null,
  lastCheckedAt: null,
  removedAt: null,
  offline: false,
  licenceKeyChanged: false,
  suggestedName: 'desk',
  ...overrides,
});
const none: Sent = { keys: new Set(), lastOfKind: {} };
const away = { switches: allNotificationsOn, sent: none, now: now.getTime(), focused: false, showing: { screen: 'other' as const } };

describe('when a notification is due, and which', () => {
  it('reminds at 30, 7 and 1 days left, once per threshold per term', () => {
    expect(fromProtection(undefined, state({ protectedUntil: inDays(31) }), now)).toEqual([]);
    const keys = [30, 12, 7, 2, 1].map((days) => fromProtection(undefined, state({ protectedUntil: inDays(days) }), now)[0]);
    expect(keys.map((c) => c?.key.split(':')[1])).toEqual(['30', '30', '7', '7', '1']);
    expect(keys.map((c) => c?.values.days)).toEqual([30, 12, 7, 2, 1]);
    // A renewed term is a new end date: its reminders are new keys.
    const renewed = fromProtection(undefined, state({ protectedUntil: inDays(395) }), new Date(now.getTime() + 365 * 86_400_000));
    expect(renewed[0]?.key.split(':')[1]).toBe('30');
    expect(renewed[0]?.key).not.toBe(keys[0]?.key);
  });

  it('tells protection ended and this computer removed on the change only', () => {
    const ended = fromProtection(state({}), state({ state: 'expired', protectedUntil: inDays(-1) }), now);
    expect(ended.map((c) => c.kind)).toEqual(['protectionEnded']);
    expect(fromProtection(state({ state: 'expired' }), state({ state: 'expired' }), now)).toEqual([]);
    const removed = fromProtection(state({}), state({ state: 'removed', removedAt: now.toISOString() }), now);
    expect(removed.map((c) => c.kind)).toEqual(['computerRemoved']);
    expect(fromProtection(undefined, state({ state: 'removed' }), now)).toEqual([]);
  });

  it('words each kind in English and German', () => {
    const ending = fromProtection(undefined, state({ protectedUntil: inDays(1) }), now)[0]!;
    expect(words(ending, osText('en')).body).toBe('Protection on this computer ends tomorrow. Renew to stay protected.');
    expect(words(ending, osText('de')).body).toBe('Der Schutz auf diesem Computer endet morgen. Verlängern Sie, um geschützt zu bleiben.');
    expect(words(updateReady('2.0.0'), osText('en'))).toEqual({
      title: 'An update is ready',
      body: 'Palisade 2.0.0 has been downloaded. Restart to update.',
    });
    expect(words(supportReply('i1', 'Invoice', 'r1'), osText('de')).body).toContain('„Invoice“');
  });
});

describe('whether it is shown', () => {
  const reminder = fromProtection(undefined, state({ protectedUntil: inDays(7) }), now)[0]!;

  it('shows once per key, and one of a kind per hour at most', () => {
    expect(decide(reminder, away)).toBe('show');
    const sent = remember(none, reminder, away.now);
    expect(decide(reminder, { ...away, sent, now: away.now + throttleMs * 100 })).toBe('alreadyShown');
    const next = fromProtection(undefined, state({ protectedUntil: inDays(1) }), now)[0]!;
    expect(decide(next, { ...away, sent, now: away.now + throttleMs - 1 })).toBe('throttled');
    expect(decide(next, { ...away, sent, now: away.now + throttleMs })).toBe('show');
    // Another kind is not held back by this one.
    expect(decide(updateReady('2.0.0'), { ...away, sent })).toBe('show');
  });

  it('follows the per-kind switches in Settings → Notifications', () => {
    const switches = { ...allNotificationsOn, protectionEnding: false };
    expect(decide(reminder, { ...away, switches })).toBe('switchedOff');
    expect(told('switchedOff')).toBe(false);
    expect(decide(updateReady('2.0.0'), { ...away, switches })).toBe('show');
  });

  it('is suppressed while the focused window shows the same thing, and only then', () => {
    const focused = { ...away, focused: true };
    expect(decide(reminder, { ...focused, showing: { screen: 'thisComputer' } })).toBe('seenInWindow');
    expect(decide(reminder, { ...focused, showing: { screen: 'support' } })).toBe('show');
    expect(decide(reminder, { ...away, showing: { screen: 'thisComputer' } })).toBe('show');
    const reply: Candidate = supportReply('issue-1', 'Invoice', 'reply-1');
    expect(decide(reply, { ...focused, showing: { screen: 'support', issueId: 'issue-1' } })).toBe('seenInWindow');
    expect(decide(reply, { ...focused, showing: { screen: 'support', issueId: 'issue-2' } })).toBe('show');
    expect(decide(updateReady('2.0.0'), { ...focused, showing: { screen: 'other' } })).toBe('seenInWindow');
    expect(told('seenInWindow')).toBe(true);
  });
});
