import { describe, expect, it, vi } from 'vitest';

/** The OS notification for support's reply, through the glue with Electron faked (the binary is not here). */
const fake = vi.hoisted(() => ({ shown: [] as { title: string; body: string }[] }));

vi.mock('electron', () => ({
  app: { setAppUserModelId: () => undefined },
  Notification: class {
    static isSupported = () => true;
    constructor(private readonly options: { title: string; body: string }) {}
    on() {}
    show() {
      fake.shown.push(this.options);
    }
  },
}));

const { raiseNotifications } = await import('../../../electron/main/notifications');
const { allNotificationsOn, showingTicket } = await import('../../../electron/services/notifications/notification-policy');
const { createAppEvents } = await import('../../../electron/services/events/app-events');
const { createEventHub } = await import('../../../electron/services/ipc/event-hub');

type Reply = { ticketId: string; subject: string; replyId: string };

describe('support’s reply as an OS notification', () => {
  it('is raised unless the focused window shows that very ticket, once per reply', () => {
    const listeners = new Set<(reply: Reply) => void>();
    let viewing: string | null = 't-1';
    let focused = true;
    // The policy tells one notification of a kind an hour at most: the clock moves between replies.
    let now = Date.parse('2026-12-03T09:00:00Z');
    const later = () => (now += 2 * 60 * 60 * 1000);
    const raised = raiseNotifications({
      events: createAppEvents(createEventHub()),
      supportReplies: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      locale: () => 'en',
      switches: () => allNotificationsOn,
      window: () => ({ focused, showing: showingTicket(viewing) }),
      onClick: () => undefined,
      now: () => now,
    });
    const reply = (r: Reply) => listeners.forEach((listener) => listener(r));

    reply({ ticketId: 't-1', subject: 'Invoice', replyId: 'r-1' });
    expect(fake.shown).toEqual([]);

    viewing = 't-2';
    later();
    reply({ ticketId: 't-1', subject: 'Invoice', replyId: 'r-2' });
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]!.body).toContain('Invoice');

    // The same reply announced again (a status change after it) is not told twice.
    reply({ ticketId: 't-1', subject: 'Invoice', replyId: 'r-2' });
    expect(fake.shown).toHaveLength(1);

    // Shown on screen but the window is in the background: the person is not looking.
    viewing = 't-1';
    focused = false;
    later();
    reply({ ticketId: 't-1', subject: 'Invoice', replyId: 'r-3' });
    expect(fake.shown).toHaveLength(2);

    raised.stop();
    expect(listeners.size).toBe(0);
  });
});
