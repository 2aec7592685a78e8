import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { silentLogger } from '../../../electron/services/log/logger';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import type { TokenVault } from '../../../electron/services/vault/token-vault';
import type { DiagnosticsPreview } from '../../../shared/contract/tickets';
import type { Result } from '../../../shared/errors';
import { useService } from '../../support/use-service';
import { confirmedAccount } from '../../integration/server/http';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 60_000 });

/**
 * The attack: a secret reaches the log by a path the logger does not know (an error's text,
 * an older version's line) and a support ticket would carry it off the computer. The real
 * service issues the tokens; the real main process collects the diagnostics.
 */
describe('diagnostics: a real access token written into the log file never reaches the report', () => {
  const { api, smtp, service } = useService();
  let dir: string;
  let desktop: AppServices;
  let vault: TokenVault;
  let person: { email: string; password: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-leak-'));
    person = await confirmedAccount(api, smtp, 'leak-a-token', 'Leak Tester');
    vault = createMemoryVault();
    desktop = createAppServices({
      apiBaseUrl: service.url,
      vault,
      appInfo: { version: '0.1.0', platform: 'linux', host: 'browser' },
      logger: silentLogger,
      openExternal: async () => {},
      logFile: join(dir, 'palisade.log'),
      machineSeed: 'leak-a-token',
      timeoutMs: 5_000,
      retryBaseDelayMs: 20,
    });
    desktop.start();
    const signIn = await desktop.dispatcher.dispatch('auth.signIn', { email: person.email, password: person.password });
    expect(signIn).toMatchObject({ ok: true });
  });
  afterAll(() => {
    desktop?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the access token, the refresh token, a code and another address are replaced; the account’s own address stays', async () => {
    const accessToken = await desktop.session.accessToken();
    const refreshToken = await vault.get();
    expect(accessToken.length).toBeGreaterThan(40);
    expect(refreshToken).not.toBeNull();
    appendFileSync(
      join(dir, 'palisade.log'),
      [
        `2026-12-03T08:00:00.000Z warn  [host:api] retry with ${accessToken} failed`,
        `2026-12-03T08:00:01.000Z warn  [host:api] raw header Authorization: Bearer ${accessToken}`,
        `2026-12-03T08:00:02.000Z debug [host:session] refresh ${refreshToken} rotated`,
        `2026-12-03T08:00:03.000Z info  [host:session] code 493021 sent to ${person.email}, cc bob@elsewhere.example`,
        '',
      ].join('\n'),
    );

    const result = (await desktop.dispatcher.dispatch('tickets.previewDiagnostics', {})) as Result<DiagnosticsPreview>;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const sent = JSON.stringify(result.value.report);
    expect(sent).not.toContain(accessToken);
    // Not even its signature or payload alone.
    for (const part of accessToken.split('.')) expect(sent).not.toContain(part);
    expect(sent).not.toContain(refreshToken!);
    expect(sent).not.toContain('493021');
    expect(sent).not.toContain('bob@elsewhere.example');
    expect(sent).toContain(person.email);
    expect(result.value.report.log.lines).toHaveLength(4);
    expect(result.value.report.log.redactions).toBeGreaterThanOrEqual(5);
  });
});
