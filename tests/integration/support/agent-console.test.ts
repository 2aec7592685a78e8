import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { expectError } from '../server/http';
import { signedInAgent } from './agent-fixture';

const { service, api, smtp } = useService();

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, service.url), { headers });

async function consolePage(headers: Record<string, string> = {}) {
  const response = await get('/agent', headers);
  expect(response.status).toBe(200);
  const html = await response.text();
  const script = /<script type="module" src="(\/agent\/console\.[0-9a-f]{16}\.js)"><\/script>/.exec(html)?.[1];
  const stylesheet = /<link rel="stylesheet" href="(\/agent\/console\.[0-9a-f]{16}\.css)">/.exec(html)?.[1];
  expect(script, html).toBeDefined();
  expect(stylesheet, html).toBeDefined();
  return { response, html, script: script!, stylesheet: stylesheet! };
}

describe('the agent console at /agent', () => {
  it('console-page-runs-no-inline-script: the page is served under the strict CSP, no-store, no Referer, with no inline script or style at all', async () => {
    const { response, html } = await consolePage();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Every script names its file; nothing carries a style attribute or a <style> block, so the CSP needs no 'unsafe-inline'.
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/agent\//);
    expect(html).not.toMatch(/<script\b(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('speaks the browser’s language before the script runs: German for Accept-Language de, English otherwise', async () => {
    expect((await consolePage({ 'accept-language': 'de-CH, en;q=0.5' })).html).toContain('<html lang="de">');
    expect((await consolePage({ 'accept-language': 'de' })).html).toContain('<title>Palisade-Supportkonsole</title>');
    expect((await consolePage({ 'accept-language': 'fr' })).html).toContain('<title>Palisade support console</title>');
  });

  it('bundle-names-no-server-path: the script and stylesheet are served by their hashed names, long-cacheable, with no source map and no path of the server in them', async () => {
    const { script, stylesheet } = await consolePage();
    const js = await get(script);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const code = await js.text();
    expect(code.length).toBeGreaterThan(1000);
    expect(code).toContain('/v1/agent/tickets');
    expect(code).toContain('/v1/agent/chat');
    expect(code).not.toMatch(/sourceMappingURL|sourceURL/);
    expect(code).not.toMatch(/server\/src|agent-console\/client|\.ts\b|node_modules|\/work\/|\/home\/|\/tmp\//);
    // The English and the German sentences travel in the bundle.
    expect(code).toContain('Sign in as support staff');
    expect(code).toContain('Als Supportmitarbeiter anmelden');

    const css = await get(stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const sheet = await css.text();
    expect(sheet).toContain('prefers-color-scheme:dark');
    expect(sheet).not.toMatch(/sourceMappingURL|server\/src|agent-console\/client/);
  });

  it('is built once: every page names the same files', async () => {
    const first = await consolePage();
    const second = await consolePage({ 'accept-language': 'de' });
    expect(second.script).toBe(first.script);
    expect(second.stylesheet).toBe(first.stylesheet);
  });

  it('console-serves-only-its-own-files: an unknown or guessed file under /agent is 404 NOT_FOUND in the envelope, never a file of the server', async () => {
    await consolePage();
    for (const path of [
      '/agent/whatever.js',
      '/agent/console.0000000000000000.js',
      '/agent/main.ts',
      '/agent/console.css',
      '/agent/..%2Fapp.ts',
      '/agent/%2e%2e%2f%2e%2e%2fpackage.json',
      '/agent/client/main.ts',
    ]) {
      const answer = await api.get(path);
      expect(answer.status, path).toBe(404);
      expectError(answer, 404, 'NOT_FOUND');
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('the page is open, the data behind it is not: a customer is still 403 FORBIDDEN on /v1/agent/*, an agent gets the queue', async () => {
    const customer = await signedInAccount(api, smtp, 'console-customer');
    expectError(await api.get('/v1/agent/tickets', customer.token), 403, 'FORBIDDEN');
    expectError(await api.get('/v1/agent/tickets?status=open', customer.token), 403, 'FORBIDDEN');
    const staff = await signedInAgent(api, service.services.db, service.url);
    expect((await api.get('/v1/agent/tickets', staff.token)).status).toBe(200);
  });
});
