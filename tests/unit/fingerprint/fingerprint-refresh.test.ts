import { describe, expect, it } from 'vitest';
import {
  type CachedFingerprint,
  FingerprintService,
  computeFingerprint,
  type SystemInfoSource,
} from '../../../electron/services/fingerprint';
import { createFingerprintHandlers } from '../../../electron/services/fingerprint/fingerprint-handlers';
import { createFingerprintRefresh } from '../../../electron/services/fingerprint/fingerprint-refresh';
import { createDispatcher } from '../../../electron/services/ipc/dispatcher';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import type { OperationProgress } from '../../../shared/contract/define';
import type { Handlers } from '../../../shared/contract/types';
import { container, desktop, type FakeMachine, fakeSystem } from './fake-system';

/** The main process's side of the `fingerprint` area, over a made-up machine; the renderer's view is the dispatcher and the events. */
function mainProcess(system: SystemInfoSource) {
  let stored: CachedFingerprint | undefined;
  const fingerprint = new FingerprintService({
    cache: { get: () => stored, set: (value) => void (stored = value) },
    compute: (watch) => computeFingerprint(system, undefined, watch),
  });
  const events = createEventHub();
  const progress: OperationProgress[] = [];
  events.subscribe((name, payload) => {
    if (name === 'fingerprint.progress') progress.push(payload as OperationProgress);
  });
  const handlers = createFingerprintHandlers(createFingerprintRefresh({ fingerprint, events }));
  const { dispatch } = createDispatcher(handlers as Handlers);
  return { dispatch, progress, stored: () => stored };
}

const settled = (progress: OperationProgress[]) =>
  new Promise<void>((resolve) => {
    const look = () =>
      progress.some((p) => ['done', 'failed', 'cancelled'].includes(p.state)) ? resolve() : setTimeout(look, 1);
    look();
  });

/** A machine whose disk tool hangs until the test lets it answer. */
function slowDisk(machine: FakeMachine) {
  let answer!: () => void;
  const reached = new Promise<void>((resolve) => (answer = resolve));
  const system = fakeSystem(machine);
  const original = system.diskLayout;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  system.diskLayout = async () => {
    answer();
    await released;
    return original();
  };
  return { system, reached, release };
}

describe('fingerprint refresh: a long-running operation', () => {
  it('answers an id, reports each source read in order, and ends with done', async () => {
    const main = mainProcess(fakeSystem(desktop));
    const started = await main.dispatch('fingerprint.start', {});
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { id } = started.value as { id: string };
    await settled(main.progress);

    expect(main.progress.map(({ state, done, total }) => `${state} ${done}/${total}`)).toEqual([
      'running 0/0',
      'running 1/5',
      'running 2/5',
      'running 3/5',
      'running 4/5',
      'running 5/5',
      'done 5/5',
    ]);
    expect(main.progress.every((p) => p.id === id)).toBe(true);
    expect(main.stored()?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('runs one refresh at a time: starting again answers the id under way', async () => {
    const { system, release } = slowDisk(desktop);
    const main = mainProcess(system);
    const first = await main.dispatch('fingerprint.start', {});
    const second = await main.dispatch('fingerprint.start', {});
    expect(second).toEqual(first);
    release();
    await settled(main.progress);
    expect(main.progress.filter((p) => p.state === 'done')).toHaveLength(1);
  });

  it('cancels: cancelled is the last word, and nothing is stored', async () => {
    const { system, reached, release } = slowDisk(desktop);
    const main = mainProcess(system);
    const started = await main.dispatch('fingerprint.start', {});
    if (!started.ok) throw new Error('did not start');
    const { id } = started.value as { id: string };
    await reached;

    expect(await main.dispatch('fingerprint.cancel', { id })).toEqual({ ok: true, value: null });
    const atCancel = main.progress.length;
    expect(main.progress.at(-1)).toMatchObject({ id, state: 'cancelled' });

    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(main.progress).toHaveLength(atCancel);
    expect(main.stored()).toBeUndefined();
  });

  it('fails with a typed error when the machine reports nothing that identifies it', async () => {
    const main = mainProcess(fakeSystem({}));
    await main.dispatch('fingerprint.start', {});
    await settled(main.progress);
    const last = main.progress.at(-1);
    expect(last).toMatchObject({ state: 'failed', done: 5, total: 5 });
    expect(last?.error).toEqual({ code: 'UNKNOWN', message: 'This computer reported nothing that identifies it.' });
  });

  it('refuses to cancel an id it does not know, with NOT_FOUND', async () => {
    const main = mainProcess(fakeSystem(container));
    expect(await main.dispatch('fingerprint.cancel', { id: 'never-started' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That task has already finished or never started.' },
    });
  });

  it('refuses to cancel one that already finished', async () => {
    const main = mainProcess(fakeSystem(container));
    const started = await main.dispatch('fingerprint.start', {});
    if (!started.ok) throw new Error('did not start');
    await settled(main.progress);
    const again = await main.dispatch('fingerprint.cancel', started.value as { id: string });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(main.progress.at(-1)?.state).toBe('done');
  });
});
