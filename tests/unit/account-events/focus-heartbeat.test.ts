import { afterEach, describe, expect, it } from 'vitest';
import {
  createHeartbeatScheduler,
  FOCUS_HEARTBEAT_AFTER_MS,
  type HeartbeatScheduler,
} from '../../../electron/services/this-computer/heartbeat-scheduler';

/** Coming back to the window after a quarter of an hour asks the service again; sooner, it does not. */
describe('a heartbeat when the window comes to the front', () => {
  let scheduler: HeartbeatScheduler | undefined;
  afterEach(() => scheduler?.stop());

  function scheduled() {
    let clock = 1_000_000;
    let beats = 0;
    scheduler = createHeartbeatScheduler({ beat: async () => void beats++, now: () => clock });
    return { scheduler, beats: () => beats, pass: (ms: number) => void (clock += ms) };
  }

  it('beats on focus once 15 minutes have passed since the last heartbeat', () => {
    const { scheduler, beats, pass } = scheduled();
    scheduler.start(true);
    expect(beats()).toBe(1);
    pass(FOCUS_HEARTBEAT_AFTER_MS - 1);
    scheduler.focused();
    expect(beats()).toBe(1);
    pass(1);
    scheduler.focused();
    expect(beats()).toBe(2);
    // The beat on focus counts too: focusing again at once asks nothing.
    scheduler.focused();
    expect(beats()).toBe(2);
  });

  it('counts a heartbeat someone asked for, and one the start skipped', () => {
    const { scheduler, beats, pass } = scheduled();
    scheduler.start(false);
    pass(FOCUS_HEARTBEAT_AFTER_MS - 1);
    scheduler.focused();
    expect(beats()).toBe(0);
    pass(10);
    scheduler.beaten();
    pass(FOCUS_HEARTBEAT_AFTER_MS - 1);
    scheduler.focused();
    expect(beats()).toBe(0);
  });

  it('asks nothing while stopped (signed out, or removed)', () => {
    const { scheduler, beats, pass } = scheduled();
    scheduler.start(true);
    scheduler.stop();
    pass(FOCUS_HEARTBEAT_AFTER_MS * 2);
    scheduler.focused();
    expect(beats()).toBe(1);
  });
});
