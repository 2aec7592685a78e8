import { hostname, release, type as osType } from 'node:os';
import si from 'systeminformation';
import { DEVICE_NAME_MAX_LENGTH } from '../../../shared/api/devices';
import { neutralisedText } from '../../../shared/text';

/** The platforms this desktop app runs on, in the service's vocabulary. */
export type DesktopPlatform = 'windows' | 'macos' | 'linux';

export interface MachineDescription {
  /** A display string such as "Microsoft Windows 11 Pro 10.0.22631" or "macOS 14.5". */
  os: string;
  platform: DesktopPlatform;
}

export function desktopPlatform(platform: NodeJS.Platform = process.platform): DesktopPlatform {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux';
}

/**
 * The name registration suggests: the host name, made acceptable to the service's rule
 * (1–64 characters, no control or text-direction characters); `fallback` when nothing is left.
 */
export function defaultDeviceName(host: string = hostname(), fallback = 'This computer'): string {
  const cleaned = [...host.replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, '').trim()]
    .slice(0, DEVICE_NAME_MAX_LENGTH)
    .join('')
    .trim();
  return cleaned === '' ? fallback : cleaned;
}

const OS_LOOKUP_TIMEOUT_MS = 5_000;
const OS_MAX_LENGTH = 128;

/** What systeminformation's osInfo gives that we use; tests pass their own. */
export interface OsInfoSource {
  osInfo(): Promise<{ distro: string; release: string }>;
}

/**
 * The OS as a person would name it. systeminformation knows the marketing names
 * ("macOS", "Microsoft Windows 11 Pro"); when it fails or hangs, Node's kernel name and
 * version stand in, which is less friendly but true.
 */
export async function describeMachine(source: OsInfoSource = si, platform: NodeJS.Platform = process.platform): Promise<MachineDescription> {
  const fallback = `${osType()} ${release()}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), OS_LOOKUP_TIMEOUT_MS);
    timer.unref();
  });
  let os = fallback;
  try {
    const info = await Promise.race([source.osInfo(), timeout]);
    // Whatever the OS reports, the service's text rule refuses control characters.
    const named = info ? neutralisedText(`${info.distro} ${info.release}`).replace(/\s+/g, ' ') : '';
    if (named !== '') os = named;
  } catch {
    // the fallback stands
  } finally {
    clearTimeout(timer);
  }
  return { os: os.slice(0, OS_MAX_LENGTH), platform: desktopPlatform(platform) };
}
