import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';

/** The tray and notification glue with the Electron module faked (the binary is not here). */
const fake = vi.hoisted(() => ({
  images: [] as string[],
  menus: [] as { label?: string; enabled?: boolean; type?: string; click?: () => void }[][],
  tooltips: [] as string[],
  shown: [] as { title: string; body: string }[],
  appUserModelIds: [] as string[],
}));

vi.mock('electron', () => ({
  app: { setAppUserModelId: (id: string) => void fake.appUserModelIds.push(id) },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  Tray: class {
    constructor(image: { path: string }) {
      fake.images.push(image.path);
    }
    setImage(image: { path: string }) {
      fake.images.push(image.path);
    }
    setToolTip(text: string) {
      fake.tooltips.push(text);
    }
    setContextMenu(menu: { template: never[] }) {
      fake.menus.push(menu.template);
    }
    destroy() {}
  },
  Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
  Notification: class {
    static isSupported = () => true;
    constructor(private readonly options: { title: string; body: string }) {}
    on() {}
    show() {
      fake.shown.push(this.options);
    }
  },
}));

const { showTray } = await import('../../../../electron/main/tray');
const { raiseNotifications } = await import('../../../../electron/main/notifications');
const { APP_ID } = await import('../../../../electron/services/notifications/app-id');
const { allNotificationsOn } = await import('../../../../electron/services/notifications/notification-policy');
const { createAppEvents } = await import('../../../../electron/services/events/app-events');
const { createEventHub } = await import('../../../../electron/services/ipc/event-hub');

const now = new Date('2026-12-02T12:00:00Z');
const state = (overrides: Partial<ThisComputerState>): ThisComputerState => ({
  state: 'protected',
  device: null,
  protectedUntil: '2027-06-20T00:00:00.000Z',
  leaseExpiresAt: null,
  lastCheckedAt: null,
  removedAt: null,
  offline: false,
  licenceKeyChanged: false,
  suggestedName: 'desk',
  ...overrides,
});

beforeEach(() => {
  for (const list of Object.values(fake)) list.length = 0;
});

describe('the tray glue', () => {
  it('shows the icon and menu tray-state decides, follows thisComputer.changed, and runs the clicked action', () => {
    const events = createAppEvents(createEventHub());
    const quits: string[] = [];
    const tray = showTray({
      iconDir: '/icons',
      events,
      locale: () => 'en',
      initial: state({}),
      act: { open: () => quits.push('open'), checkNow: () => quits.push('check'), quit: () => quits.push('quit') },
      now: () => now,
    });
    expect(fake.images.at(-1)).toBe('/icons/tray-protected.png');
    events.emit('thisComputer.changed', state({ state: 'removed' }));
    expect(fake.images.at(-1)).toBe('/icons/tray-unprotected.png');
    const menu = fake.menus.at(-1)!;
    expect(menu.map((item) => item.label ?? item.type)).toContain('Not protected: this computer was removed from your account');
    menu.find((item) => item.label === 'Quit')!.click!();
    expect(quits).toEqual(['quit']);
    tray.destroy();
  });
});

describe('the notification glue', () => {
  it('raises what the policy lets through, in the language spoken, once; not while the window shows it', () => {
    const events = createAppEvents(createEventHub());
    let window = { focused: false, showing: { screen: 'other' as const } as { screen: 'thisComputer' | 'other' } };
    const raised = raiseNotifications({
      events,
      locale: () => 'de',
      switches: () => allNotificationsOn,
      window: () => window,
      onClick: () => undefined,
      now: () => now.getTime(),
    });
    events.emit('thisComputer.changed', state({}));
    events.emit('thisComputer.changed', state({ state: 'removed', removedAt: now.toISOString() }));
    expect(fake.shown).toEqual([
      {
        title: 'Dieser Computer wurde entfernt',
        body: 'Dieser Computer wurde auf einem anderen Gerät aus Ihrem Konto entfernt und ist nicht mehr geschützt.',
      },
    ]);
    window = { focused: true, showing: { screen: 'thisComputer' } };
    events.emit('thisComputer.changed', state({ state: 'expired' }));
    expect(fake.shown).toHaveLength(1);
    raised.stop();
  });

  it('sets the AppUserModelID to the appId on Windows only', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    const events = createAppEvents(createEventHub());
    const options = { events, locale: () => 'en' as const, switches: () => allNotificationsOn, window: () => ({ focused: false, showing: { screen: 'other' as const } }), onClick: () => undefined };
    try {
      Object.defineProperty(process, 'platform', { value: 'linux' });
      raiseNotifications(options).stop();
      expect(fake.appUserModelIds).toEqual([]);
      Object.defineProperty(process, 'platform', { value: 'win32' });
      raiseNotifications(options).stop();
      expect(fake.appUserModelIds).toEqual([APP_ID]);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
