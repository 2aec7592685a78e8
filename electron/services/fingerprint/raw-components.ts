import type { FingerprintComponentKind } from '../../../shared/api/devices';
import { type NetworkInterfaceInfo, physicalMacs } from './physical-macs';
import { isPlaceholder } from './placeholders';

/**
 * What the fingerprint needs from `systeminformation` — the real module satisfies it, and
 * unit tests pass a fake (that fake is "the OS").
 */
export interface SystemInfoSource {
  uuid(): Promise<{ os: string; hardware: string }>;
  system(): Promise<{ uuid: string }>;
  baseboard(): Promise<{ serial: string }>;
  diskLayout(): Promise<{ serialNum: string }[]>;
  networkInterfaces(): Promise<NetworkInterfaceInfo[] | NetworkInterfaceInfo>;
}

/** A component as read from the OS. Never leaves this module unhashed. */
export interface RawComponent {
  kind: FingerprintComponentKind;
  value: string;
}

/** Follows a reading of the components: how many sources are read, and a way to stop. */
export interface FingerprintWatch {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** A source that hangs (a stuck WMI or system_profiler call) is dropped, not waited for. */
const SOURCE_TIMEOUT_MS = 10_000;

async function settle<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SOURCE_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch {
    return undefined; // an unreadable source contributes nothing; the others still count
  } finally {
    clearTimeout(timer);
  }
}

/** Stops waiting when the reading is cancelled; a hung OS tool is not waited for. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Same spelling for the same value however a tool reports it: trimmed, lower case. */
const normalize = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
const bare = (value: string) => value.replace(/[-:\s]/g, '');

/**
 * Reads the components that identify this machine, dropping empty and placeholder
 * values. Sources are read in parallel; one that fails or hangs is left out. On macOS
 * systeminformation reports the platform UUID as both the hardware UUID and the OS id, so
 * a value already present under another kind is counted once.
 */
export async function readRawComponents(si: SystemInfoSource, watch: FingerprintWatch = {}): Promise<RawComponent[]> {
  const { signal, onProgress } = watch;
  signal?.throwIfAborted();
  const total = 5;
  let done = 0;
  const read = async <T>(source: () => Promise<T>): Promise<T | undefined> => {
    const value = await settle(source);
    if (!signal?.aborted) onProgress?.(++done, total);
    return value;
  };
  const [ids, system, board, disks, interfaces] = await untilAborted(
    Promise.all([
      read(() => si.uuid()),
      read(() => si.system()),
      read(() => si.baseboard()),
      read(() => si.diskLayout()),
      read(() => si.networkInterfaces()),
    ]),
    signal,
  );

  const candidates: RawComponent[] = [];
  const add = (kind: FingerprintComponentKind, ...values: (string | undefined)[]) => {
    const value = values.find((v): v is string => typeof v === 'string' && !isPlaceholder(v));
    if (value !== undefined) candidates.push({ kind, value: normalize(value) });
  };
  add('hardwareUuid', system?.uuid, ids?.hardware);
  add('baseboardSerial', board?.serial);
  add('diskSerial', disks?.[0]?.serialNum);
  const nics = interfaces === undefined ? [] : Array.isArray(interfaces) ? interfaces : [interfaces];
  for (const mac of physicalMacs(nics)) if (!isPlaceholder(mac)) candidates.push({ kind: 'mac', value: mac });
  add('osMachineId', ids?.os);

  const seen = new Set<string>();
  return candidates.filter(({ value }) => {
    const key = bare(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
