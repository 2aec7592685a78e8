import { z } from 'zod';
import { type DeviceFingerprint, deviceFingerprintSchema } from '../../../shared/api/devices';
import type { FingerprintWatch } from './raw-components';

export const cachedFingerprintSchema = deviceFingerprintSchema.extend({ computedAt: z.iso.datetime() });
/** A fingerprint as kept in the app store, with when it was computed. */
export type CachedFingerprint = z.infer<typeof cachedFingerprintSchema>;

/** Where the last fingerprint is kept between launches (the app store in Electron). */
export interface FingerprintCache {
  get(): CachedFingerprint | undefined;
  set(value: CachedFingerprint): void;
}

export interface FingerprintServiceOptions {
  cache: FingerprintCache;
  /** Reads and hashes the components; slow (spawns OS tools), so never on the UI's path. */
  compute: (watch?: FingerprintWatch) => Promise<DeviceFingerprint>;
  now?: () => Date;
  /** A background refresh failed; the cached value, if any, stays in use. */
  onError?: (error: unknown) => void;
}

/**
 * This computer's fingerprint, without ever making anyone wait for it twice. The last
 * value is kept in a cache and served at once; at start, `start()` recomputes in the
 * background (hardware changes between launches), and listeners hear when the value
 * changed. Only the very first launch waits for a computation.
 */
export class FingerprintService {
  private readonly cache: FingerprintCache;
  private readonly compute: (watch?: FingerprintWatch) => Promise<DeviceFingerprint>;
  private readonly now: () => Date;
  private readonly onError: (error: unknown) => void;
  private readonly listeners = new Set<(value: CachedFingerprint) => void>();
  private value: CachedFingerprint | undefined;
  private inFlight: Promise<CachedFingerprint> | undefined;

  constructor(options: FingerprintServiceOptions) {
    this.cache = options.cache;
    this.compute = options.compute;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? (() => {});
    this.value = this.readCache();
  }

  /** Recomputes in the background; returns at once. */
  start(): void {
    this.refresh().catch(this.onError);
  }

  /** The value in hand, if any, without waiting. */
  peek(): CachedFingerprint | undefined {
    return this.value;
  }

  /** The cached value immediately when there is one, else the computation under way. */
  current(): Promise<CachedFingerprint> {
    return this.value !== undefined ? Promise.resolve(this.value) : this.refresh();
  }

  /**
   * Recomputes, once however many callers ask at the same time, and stores the result.
   * Watched (a refresh someone asked for), it is a reading of its own that reports its
   * progress, and stores nothing when cancelled.
   */
  refresh(watch?: FingerprintWatch): Promise<CachedFingerprint> {
    if (watch) return this.recompute(watch);
    this.inFlight ??= this.recompute().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Called after a refresh that changed the fingerprint or its components. */
  onChange(listener: (value: CachedFingerprint) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async recompute(watch?: FingerprintWatch): Promise<CachedFingerprint> {
    const computed = await this.compute(watch);
    watch?.signal?.throwIfAborted();
    const next: CachedFingerprint = { ...computed, computedAt: this.now().toISOString() };
    const changed = !sameFingerprint(this.value, next);
    this.value = next;
    this.cache.set(next);
    if (changed) for (const listener of this.listeners) listener(next);
    return next;
  }

  /** A damaged or outdated store entry counts as no entry. */
  private readCache(): CachedFingerprint | undefined {
    try {
      const parsed = cachedFingerprintSchema.safeParse(this.cache.get());
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}

function sameFingerprint(a: DeviceFingerprint | undefined, b: DeviceFingerprint): boolean {
  if (a === undefined || a.fingerprint !== b.fingerprint) return false;
  const kinds = (f: DeviceFingerprint) => f.components.map((c) => `${c.kind}:${c.hash}`).join();
  return kinds(a) === kinds(b);
}
