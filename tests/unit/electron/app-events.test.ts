import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { defaultSettings } from '../../../electron/services/settings/settings-service';
import type { EventName } from '../../../shared/contract/types';

describe('the app’s events', () => {
  function setup() {
    const hub = createEventHub();
    const events = createAppEvents(hub);
    const toRenderer: { name: EventName; payload: unknown }[] = [];
    hub.subscribe((name, payload) => toRenderer.push({ name, payload }));
    return { events, toRenderer };
  }

  it('sends contract events to the renderer and to main-side listeners alike, as the contract parsed them', () => {
    const { events, toRenderer } = setup();
    const seen: unknown[] = [];
    const off = events.on('network.changed', (p) => seen.push(p));
    events.emit('network.changed', { online: false, extra: 'dropped' } as never);
    expect(toRenderer).toEqual([{ name: 'network.changed', payload: { online: false } }]);
    expect(seen).toEqual([{ online: false }]);
    off();
    events.emit('network.changed', { online: true });
    expect(seen).toHaveLength(1);
  });

  it('keeps internal events inside the main process', () => {
    const { events, toRenderer } = setup();
    const seen: unknown[] = [];
    events.on('settings.changed', (s) => seen.push(s));
    events.on('session.signedOut', () => seen.push('signed out'));
    events.emit('settings.changed', { ...defaultSettings, language: 'de' });
    events.emit('session.signedOut', {});
    expect(seen).toEqual([{ ...defaultSettings, language: 'de' }, 'signed out']);
    expect(toRenderer).toEqual([]);
  });

  it('one failing listener does not keep the others from hearing', () => {
    const { events } = setup();
    const seen: string[] = [];
    events.on('devices.deactivated', () => {
      throw new Error('a broken tray');
    });
    events.on('devices.deactivated', ({ id }) => seen.push(id));
    events.emit('devices.deactivated', { id: 'dev_1' });
    expect(seen).toEqual(['dev_1']);
  });
});
