import { expectNoAxeViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { SignInPage } from './support/pages';

test('a page opened without the launch link cannot reach Palisade and is told how to get a fresh link', async ({
  page,
  launchHost,
}) => {
  const host = await launchHost();

  // The address without the launch secret: a bookmark, or another site guessing the port.
  await page.goto(`${host.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'This page isn’t connected to Palisade' })).toBeVisible();
  await expect(
    page.getByText('Press Enter in the terminal where Palisade is running to get a fresh link, or run npm start again.'),
  ).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveCount(0);
  await expectNoAxeViolations(page, 'open the launch link');

  // The bridge itself answers nothing to this page, whatever the app would do: it has no secret.
  const bridgeUrl = `${host.origin.replace('http:', 'ws:')}/bridge`;
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'session.get', input: {} }));
        socket.onmessage = () => resolve('answered');
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    bridgeUrl,
  );
  expect(outcome).toBe('closed 4001');
  await expect.poll(() => host.logs()).toMatch(/refused a bridge connection .*no launch or tab secret/);

  // The printed link lets this tab in, and takes its secret out of the address bar.
  await host.open(page);
  await new SignInPage(page).expectShown();
  expect(page.url()).not.toContain('launch=');

  // A reload keeps the tab connected; the spent link, opened again, does not connect another tab.
  await page.reload();
  await new SignInPage(page).expectShown();
  const other = await page.context().newPage();
  await other.goto(host.launchUrl);
  await expect(other.getByRole('heading', { level: 1, name: 'This page isn’t connected to Palisade' })).toBeVisible();

  // Enter in the host's terminal gives a fresh link, which connects that tab too.
  await host.open(other);
  await new SignInPage(other).expectShown();
});
