// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, failure, recoveryCodes, signedIn, totpSetup } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import './patient-queries';

afterEach(() => vi.restoreAllMocks());

const WRONG_PASSWORD = 'That isn’t your current password. Check it and try again.';

/** jsdom's Blob has no text(); its FileReader does the same job. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

type User = ReturnType<typeof renderApp>['user'];

/** "Turn on", then the password that unlocks setup; answers the setup dialog that follows. */
async function startWithPassword(user: User) {
  await user.click(await screen.findByRole('button', { name: 'Turn on 2-step verification' }));
  const check = await screen.findByRole('dialog', { name: 'Turn on 2-step verification' });
  await user.type(within(check).getByLabelText('Password'), 'correct horse battery');
  await user.click(within(check).getByRole('button', { name: 'Continue' }));
  return screen
    .findByRole('heading', { name: /Step 1 of 3/ })
    .then(() => screen.getByRole('dialog', { name: 'Turn on 2-step verification' }));
}

async function openSetup() {
  const fake = createFakeApi({}, signedIn);
  const view = renderApp(fake.api, '/settings');
  const dialog = await startWithPassword(view.user);
  return { ...fake, ...view, dialog };
}

describe('Settings → Security: turning on 2-step verification', () => {
  it('asks for the password first, and starts setup only with it', async () => {
    const fake = createFakeApi({}, signedIn);
    const { user } = renderApp(fake.api, '/settings');
    await user.click(await screen.findByRole('button', { name: 'Turn on 2-step verification' }));
    const check = await screen.findByRole('dialog', { name: 'Turn on 2-step verification' });
    expect(within(check).getByLabelText('Password')).toHaveFocus();
    await user.click(within(check).getByRole('button', { name: 'Continue' }));
    expect(within(check).getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(fake.api.security.startTotpSetup).not.toHaveBeenCalled();

    await user.type(within(check).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(check).getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: /Step 1 of 3/ })).toBeInTheDocument();
    expect(fake.api.security.startTotpSetup).toHaveBeenCalledWith({ password: 'correct horse battery' });
  });

  it('says so when the password is wrong, and stays on the password', async () => {
    const fake = createFakeApi({ security: { startTotpSetup: async () => failure('INVALID_CREDENTIALS') } }, signedIn);
    const { user } = renderApp(fake.api, '/settings');
    await user.click(await screen.findByRole('button', { name: 'Turn on 2-step verification' }));
    const check = await screen.findByRole('dialog', { name: 'Turn on 2-step verification' });
    await user.type(within(check).getByLabelText('Password'), 'not my password');
    await user.click(within(check).getByRole('button', { name: 'Continue' }));

    expect(await within(check).findByRole('alert')).toHaveTextContent(WRONG_PASSWORD);
    expect(within(check).getByLabelText('Password')).toHaveFocus();
    expect(within(check).getByLabelText('Password')).toHaveValue('');
    expect(screen.queryByRole('heading', { name: /Step 1 of 3/ })).not.toBeInTheDocument();
  });

  it('shows a QR code of the otpauth URL and the key in groups of four, with a copy button', async () => {
    const { user, dialog, api } = await openSetup();

    expect(api.security.startTotpSetup).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByRole('heading', { name: /Step 1 of 3/ })).toBeInTheDocument();
    const qr = await within(dialog).findByRole('img', { name: /QR code to add Palisade for alex@example.com/ });
    // A real QR code, drawn as an SVG image: many runs of dark modules, not a placeholder.
    const svg = decodeURIComponent(qr.getAttribute('src')?.replace(/^data:image\/svg\+xml;charset=utf-8,/, '') ?? '');
    expect(svg).toContain('<path');
    expect(svg.match(/h\d+/g)?.length).toBeGreaterThan(100);
    expect(within(dialog).getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(totpSetup.secret);
    expect(within(dialog).getByText('Copied.')).toBeInTheDocument();
  });

  it('still copies where the Clipboard API is refused, as Electron refuses every permission', async () => {
    const { user, dialog } = await openSetup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    let copied: string | null = null;
    // jsdom has no execCommand; the stand-in records what was selected when "copy" ran.
    document.execCommand = vi.fn(
      () => ((copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? null), true),
    );
    const button = within(dialog).getByRole('button', { name: 'Copy key' });

    await user.click(button);
    expect(copied).toBe(totpSetup.secret);
    expect(within(dialog).getByText('Copied.')).toBeInTheDocument();
    // Focus is back where it was, and the helper text area is gone.
    expect(button).toHaveFocus();
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('confirms with a pasted code, then will not close until "I have saved them" is ticked', async () => {
    const { user, dialog, api } = await openSetup();
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    const code = within(dialog).getByLabelText('6-digit code');
    expect(code).toHaveFocus();
    await user.paste('123 456');
    expect(code).toHaveValue('123456');
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

    expect(api.security.enableTotp).toHaveBeenCalledWith({ code: '123456' });
    const list = await within(dialog).findByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(recoveryCodes);

    // Done without the box ticked: refused, and the box says why.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const saved = within(dialog).getByRole('checkbox', { name: 'I have saved my recovery codes' });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(saved).toHaveFocus();
    expect(saved).toHaveAccessibleDescription(/You won’t be able to see these codes again/);
    // Escape is refused the same way.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await user.click(saved);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText(/2-step verification is on/)).toBeInTheDocument();
    expect(screen.getByText('Status:').querySelector('strong')).toHaveTextContent('On');
    expect(screen.getByRole('button', { name: 'Turn off 2-step verification' })).toBeInTheDocument();
  });

  it('copies the codes and saves them to a text file made in the page', async () => {
    const made: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (made.push(blob as Blob), 'blob:codes'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user, dialog } = await openSetup();
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.type(within(dialog).getByLabelText('6-digit code'), '654321');
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));
    await within(dialog).findByRole('list', { name: 'Recovery codes' });

    await user.click(within(dialog).getByRole('button', { name: 'Copy codes' }));
    expect(await navigator.clipboard.readText()).toBe(recoveryCodes.join('\n'));

    await user.click(within(dialog).getByRole('button', { name: 'Save to file' }));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('palisade-recovery-codes.txt');
    expect(clicked[0]?.href).toBe('blob:codes');
    const text = await readBlob(made[0]!);
    for (const code of recoveryCodes) expect(text).toContain(code);
    expect(text).toContain('alex@example.com');
  });

  it('says so when the code is wrong, and keeps the dialog on the code step', async () => {
    const fake = createFakeApi({ security: { enableTotp: async () => failure('MFA_INVALID') } }, signedIn);
    const { user } = renderApp(fake.api, '/settings');
    const dialog = await startWithPassword(user);
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.type(within(dialog).getByLabelText('6-digit code'), '000000');
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'That code didn’t work. Codes can be used once; wait for the next one.',
    );
    expect(within(dialog).getByLabelText('6-digit code')).toHaveFocus();
    expect(within(dialog).queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });

  it('checks the code is six digits before asking', async () => {
    const { user, dialog, api } = await openSetup();
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.type(within(dialog).getByLabelText('6-digit code'), '12345');
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

    expect(api.security.enableTotp).not.toHaveBeenCalled();
    expect(within(dialog).getByLabelText('6-digit code')).toHaveAccessibleDescription(
      'Enter the 6-digit code your app shows now.',
    );
  });

  it('closes freely before the code is confirmed, changing nothing', async () => {
    const { user, api } = await openSetup();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.security.enableTotp).not.toHaveBeenCalled();
    expect(screen.getByText('Status:').querySelector('strong')).toHaveTextContent('Off');
  });
});
