import type { ThisComputerState } from '../../../shared/contract/this-computer';
import type { OsMessageId, OsText } from './os-text';

/**
 * Which OS notification, when, and whether to show it: pure. The glue
 * (electron/main/notifications.ts) only raises what `decide` lets through.
 */
export type NotificationKind = 'protectionEnding' | 'protectionEnded' | 'computerRemoved' | 'updateReady' | 'supportReply';
export const notificationKinds: readonly NotificationKind[] = [
  'protectionEnding',
  'protectionEnded',
  'computerRemoved',
  'updateReady',
  'supportReply',
];

/** Settings → Notifications: one switch per kind, all on until switched off. */
export type NotificationSwitches = Record<NotificationKind, boolean>;
export const allNotificationsOn: NotificationSwitches = {
  protectionEnding: true,
  protectionEnded: true,
  computerRemoved: true,
  updateReady: true,
  supportReply: true,
};

/** Reminders before the end of protection, in days left. */
export const reminderDays = [30, 7, 1] as const;
/** One notification of a kind per hour at most, whatever caused it (a flapping network, say). */
export const throttleMs = 60 * 60 * 1000;
const day = 24 * 60 * 60 * 1000;

export interface Candidate {
  kind: NotificationKind;
  /** The same key is shown once, ever: e.g. the 7-day reminder of one term. */
  key: string;
  title: OsMessageId;
  body: OsMessageId;
  values: Record<string, string | number>;
  /** What the window must show for this notification to be redundant there. */
  sameAs: Showing;
  /** The support issue a reply belongs to (opened on click). */
  issueId?: string;
}

/** What the focused window shows: a screen, and for support, which issue. */
export interface Showing {
  screen: 'thisComputer' | 'updates' | 'support' | 'other';
  issueId?: string | undefined;
}

/** The reminder due for this state now, if any: the smallest threshold reached (30, 7 or 1 days). */
export function fromProtection(previous: ThisComputerState | undefined, state: ThisComputerState, now: Date): Candidate[] {
  const found: Candidate[] = [];
  const until = state.protectedUntil;
  if (state.state === 'protected' && until) {
    const daysLeft = Math.ceil((Date.parse(until) - now.getTime()) / day);
    const threshold = [...reminderDays].reverse().find((days) => daysLeft <= days);
    if (threshold !== undefined && daysLeft > 0) {
      found.push({
        kind: 'protectionEnding',
        key: `protectionEnding:${threshold}:${until}`,
        title: 'notifications.protectionEnding.title',
        body: 'notifications.protectionEnding.body',
        values: { days: daysLeft },
        sameAs: { screen: 'thisComputer' },
      });
    }
  }
  // A change of state, not a state: reopening the app on an expired computer says nothing new.
  if (previous && previous.state !== state.state) {
    if (state.state === 'expired') {
      found.push({
        kind: 'protectionEnded',
        key: `protectionEnded:${until ?? ''}`,
        title: 'notifications.protectionEnded.title',
        body: 'notifications.protectionEnded.body',
        values: {},
        sameAs: { screen: 'thisComputer' },
      });
    }
    if (state.state === 'removed') {
      found.push({
        kind: 'computerRemoved',
        key: `computerRemoved:${state.removedAt ?? ''}`,
        title: 'notifications.computerRemoved.title',
        body: 'notifications.computerRemoved.body',
        values: {},
        sameAs: { screen: 'thisComputer' },
      });
    }
  }
  return found;
}

export const updateReady = (version: string): Candidate => ({
  kind: 'updateReady',
  key: `updateReady:${version}`,
  title: 'notifications.updateReady.title',
  body: 'notifications.updateReady.body',
  values: { version },
  // The app shows "Restart to update" on every screen, so any focused window already says it.
  sameAs: { screen: 'other' },
});

export const supportReply = (issueId: string, subject: string, replyId: string): Candidate => ({
  kind: 'supportReply',
  key: `supportReply:${replyId}`,
  title: 'notifications.supportReply.title',
  body: 'notifications.supportReply.body',
  values: { subject },
  sameAs: { screen: 'support', issueId },
  issueId,
});

/** What the window shows, as far as the main process knows: the support ticket on screen (tickets.viewing), or something else. */
export const showingTicket = (ticketId: string | null): Showing =>
  ticketId === null ? { screen: 'other' } : { screen: 'support', issueId: ticketId };

export interface Sent {
  keys: ReadonlySet<string>;
  lastOfKind: Partial<Record<NotificationKind, number>>;
}

export type Decision = 'show' | 'switchedOff' | 'alreadyShown' | 'throttled' | 'seenInWindow';

export function decide(
  candidate: Candidate,
  context: { switches: NotificationSwitches; sent: Sent; now: number; focused: boolean; showing: Showing },
): Decision {
  if (!context.switches[candidate.kind]) return 'switchedOff';
  if (context.sent.keys.has(candidate.key)) return 'alreadyShown';
  if (context.focused && showsSame(candidate, context.showing)) return 'seenInWindow';
  const last = context.sent.lastOfKind[candidate.kind];
  if (last !== undefined && context.now - last < throttleMs) return 'throttled';
  return 'show';
}

function showsSame(candidate: Candidate, showing: Showing): boolean {
  if (candidate.kind === 'updateReady') return true;
  if (candidate.sameAs.screen !== showing.screen) return false;
  return candidate.sameAs.issueId === undefined || candidate.sameAs.issueId === showing.issueId;
}

/**
 * Whether a decision counts as told: shown, or seen in the focused window (the person has
 * read it there). One switched off, already shown or throttled may still be told later.
 */
export const told = (decision: Decision): boolean => decision === 'show' || decision === 'seenInWindow';

/** Remembers a told notification, so its key is not told again and its kind is throttled. */
export function remember(sent: Sent, candidate: Candidate, now: number): Sent {
  return { keys: new Set([...sent.keys, candidate.key]), lastOfKind: { ...sent.lastOfKind, [candidate.kind]: now } };
}

export const words = (candidate: Candidate, t: OsText): { title: string; body: string } => ({
  title: t(candidate.title),
  body: t(candidate.body, candidate.values),
});
