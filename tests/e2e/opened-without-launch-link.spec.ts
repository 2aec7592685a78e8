import { expectNoAxeViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { SignInPage } from './support/pages';

test('a page opened without the launch link cannot reach Palisade and is told to open the link from the terminal', async ({
  page,
  launchHost,
}) => {
  const host = await launchHost();

  // The address without the launch secret: a bookmark, or another site guessing the port.
  await page.goto(`${host.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'This page isn’t connected to Palisade' })).toBeVisible();
  await expect(page.getByText('Open the link printed in the terminal where you ran npm start.')).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveCount(0);
  await expectNoAxeViolations(page, 'open the launch link');

  // The bridge itself refuses this page, whatever the app would do.
  const bridgeUrl = `${host.origin.replace('http:', 'ws:')}/bridge`;
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onerror = () => resolve('refused');
      }),
    bridgeUrl,
  );
  expect(outcome).toBe('refused');
  await expect.poll(() => host.logs()).toMatch(/refused a bridge connection .*no launch cookie/);

  // The printed link lets the same browser in.
  await host.open(page);
  await new SignInPage(page).expectShown();
});
