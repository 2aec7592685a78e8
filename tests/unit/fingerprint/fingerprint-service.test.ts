import { describe, expect, it, vi } from 'vitest';
import {
  type CachedFingerprint,
  type FingerprintCache,
  FingerprintService,
  computeFingerprint,
} from '../../../electron/services/fingerprint';
import type { DeviceFingerprint } from '../../../shared/api/devices';
import { container, desktop, fakeSystem } from './fake-system';

function memoryCache(initial?: unknown): FingerprintCache & { stored: unknown; writes: number } {
  const cache = {
    stored: initial,
    writes: 0,
    get: () => cache.stored as CachedFingerprint | undefined,
    set: (value: CachedFingerprint) => {
      cache.stored = value;
      cache.writes++;
    },
  };
  return cache;
}

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const now = () => new Date('2025-06-01T08:00:00.000Z');

describe('FingerprintService', async () => {
  const desktopPrint = await computeFingerprint(fakeSystem(desktop));
  const containerPrint = await computeFingerprint(fakeSystem(container));
  const cached: CachedFingerprint = { ...desktopPrint, computedAt: '2025-05-01T00:00:00.000Z' };

  it('answers from the cache at once, even while a recomputation hangs', async () => {
    const slow = deferred<DeviceFingerprint>();
    const service = new FingerprintService({ cache: memoryCache(cached), compute: () => slow.promise, now });
    service.start();
    const started = performance.now();
    const value = await service.current();
    expect(performance.now() - started).toBeLessThan(5);
    expect(value).toEqual(cached);
    expect(service.peek()).toEqual(cached);
    slow.resolve(desktopPrint);
  });

  it('recomputes in the background at start, stores the result and tells listeners of a change', async () => {
    const cache = memoryCache(cached);
    const service = new FingerprintService({ cache, compute: async () => containerPrint, now });
    const heard: CachedFingerprint[] = [];
    service.onChange((v) => heard.push(v));
    service.start();
    await vi.waitFor(() => expect(cache.writes).toBe(1));
    expect(cache.stored).toEqual({ ...containerPrint, computedAt: now().toISOString() });
    expect(heard.map((v) => v.fingerprint)).toEqual([containerPrint.fingerprint]);
    expect((await service.current()).fingerprint).toBe(containerPrint.fingerprint);
  });

  it('stays quiet when the machine did not change', async () => {
    const service = new FingerprintService({ cache: memoryCache(cached), compute: async () => desktopPrint, now });
    const listener = vi.fn();
    service.onChange(listener);
    await service.refresh();
    expect(listener).not.toHaveBeenCalled();
  });

  it('waits for the first computation when nothing is cached, and computes once for many callers', async () => {
    const compute = vi.fn(async () => desktopPrint);
    const service = new FingerprintService({ cache: memoryCache(), compute, now });
    expect(service.peek()).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 10 }, () => service.current()));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((a) => a.fingerprint))).toEqual(new Set([desktopPrint.fingerprint]));
  });

  it('treats a damaged cache entry as none', async () => {
    const compute = vi.fn(async () => desktopPrint);
    const service = new FingerprintService({
      cache: memoryCache({ fingerprint: 'S4EVNF0M912345K', components: [] }),
      compute,
      now,
    });
    expect(service.peek()).toBeUndefined();
    await service.current();
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps the cached value when a background refresh fails, and reports the failure', async () => {
    const onError = vi.fn();
    const failure = new Error('systeminformation exploded');
    const service = new FingerprintService({
      cache: memoryCache(cached),
      compute: () => Promise.reject(failure),
      now,
      onError,
    });
    service.start();
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
    expect(await service.current()).toEqual(cached);
  });

  it('rejects current() when there is no cache and the computation fails', async () => {
    const service = new FingerprintService({
      cache: memoryCache(),
      compute: () => Promise.reject(new Error('no')),
      now,
    });
    await expect(service.current()).rejects.toThrow('no');
  });
});
