import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SessionState } from '../../../shared/contract/session';
import { type Desktop, startDesktop } from '../this-computer/desktop';

const run = promisify(execFile);

/** The code an authenticator app shows at `at`, from Debian's oathtool (RFC 6238: SHA-1, 6 digits, 30 s). */
export async function totpCode(secret: string, at: Date): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', '--base32', '--now', `@${Math.floor(at.getTime() / 1000)}`, secret]);
  return stdout.trim();
}

export interface SecurityDesktop extends Desktop {
  /** Every `session.changed` the renderer would have received. */
  sessions: SessionState[];
  signIn(email: string, password: string): Promise<'signedIn' | 'mfaRequired'>;
}

/** A desktop app (main process minus Electron) that also records session pushes. */
export function startSecurityDesktop(apiBaseUrl: string, seed: string): SecurityDesktop {
  const desktop = startDesktop(apiBaseUrl, seed);
  const sessions: SessionState[] = [];
  desktop.services.events.subscribe((name, payload) => {
    if (name === 'session.changed') sessions.push(payload as SessionState);
  });
  return {
    ...desktop,
    sessions,
    async signIn(email, password) {
      const { status } = await desktop.value<{ status: 'signedIn' | 'mfaRequired' }>('auth.signIn', { email, password });
      return status;
    },
  };
}
