// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  PRODUCT_KEY_ALPHABET,
  PRODUCT_KEY_CONFUSABLE_PAIRS,
  checkProductKey,
  formatProductKey,
  generateProductKey,
} from '../../../../shared/product-key';
import { errorSentences } from '../../../../renderer/src/errors/messages';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { device, englishDate, protectedState, resetProtectionStoreBeforeEach, subscription } from './fixtures';

resetProtectionStoreBeforeEach();

/** Deterministic bytes, so the keys are the same on every run. */
function seeded(seed: number) {
  let x = seed;
  return (n: number) => Uint8Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
}
const validKey = generateProductKey(seeded(7));

/** A key with one look-alike typo for which the codec names a single group, and that group. */
function keyWithTypoIn(group: 1 | 2 | 3 | 4): string {
  for (let seed = 1; seed < 500; seed++) {
    const key = generateProductKey(seeded(seed));
    for (let i = (group - 1) * 5; i < group * 5; i++) {
      for (const pair of PRODUCT_KEY_CONFUSABLE_PAIRS) {
        const [a, b] = [...pair];
        if (key[i] !== a || !b) continue;
        const typo = key.slice(0, i) + b + key.slice(i + 1);
        const check = checkProductKey(typo);
        if (!check.ok && check.suspectGroup === group) return typo;
      }
    }
  }
  throw new Error(`No key with a typo the codec pins to group ${group}`);
}

/** A key with a typo for which the codec will not guess a group. */
function keyWithUnplacedTypo(): string {
  for (let seed = 1; seed < 500; seed++) {
    const key = generateProductKey(seeded(seed));
    const swapped = PRODUCT_KEY_ALPHABET[(PRODUCT_KEY_ALPHABET.indexOf(key[0] as string) + 11) % 32] as string;
    const typo = swapped + key.slice(1);
    const check = checkProductKey(typo);
    if (!check.ok && check.reason === 'checksum' && check.suspectGroup === undefined) return typo;
  }
  throw new Error('No unplaced typo found');
}

async function openActivate(overrides: Parameters<typeof createFakeApi>[0] = {}) {
  const { api } = createFakeApi(overrides, signedIn);
  const view = renderApp(api, '/subscriptions/activate');
  // The first lazy import of the screen is slow on a cold transform.
  const field = (await screen.findByRole('textbox', { name: 'Product key' }, { timeout: 5000 })) as HTMLInputElement;
  return { api, field, ...view };
}

describe('Activate a product key', () => {
  it('formats the key into groups of five as it is typed, in capitals, dropping what cannot be in a key', async () => {
    const { user, field } = await openActivate();
    await user.type(field, 'abcd');
    expect(field).toHaveValue('ABCD');
    await user.type(field, 'e');
    // No dash until a sixth symbol needs one, so Backspace never deletes an invisible separator.
    expect(field).toHaveValue('ABCDE');
    await user.type(field, 'fg!h-');
    expect(field).toHaveValue('ABCDE-FGH');
    await user.type(field, '{Backspace}');
    expect(field).toHaveValue('ABCDE-FG');
  });

  it('keeps the caret after the symbol just typed when editing in the middle', async () => {
    const { user, field } = await openActivate();
    await user.type(field, 'ABCDEFGHJK');
    expect(field).toHaveValue('ABCDE-FGHJK');
    // Caret after "ABC", type one symbol: the groups reflow, the caret stays after the new symbol.
    field.setSelectionRange(3, 3);
    await user.keyboard('M');
    expect(field).toHaveValue('ABCMD-EFGHJ-K');
    expect(field.selectionStart).toBe(4);
    // Across a dash: after "ABCMD-E" (7), typing lands after the E.
    field.setSelectionRange(7, 7);
    await user.keyboard('N');
    expect(field).toHaveValue('ABCMD-ENFGH-JK');
    expect(field.selectionStart).toBe(8);
  });

  it('takes a pasted key whole, even with words around it', async () => {
    const { user, field } = await openActivate();
    await user.click(field);
    await user.paste(`Your key: ${formatProductKey(validKey).toLowerCase()} (keep it safe)`);
    expect(field).toHaveValue(formatProductKey(validKey));
    expect(field).not.toHaveAttribute('aria-invalid');
  });

  it.each([2, 3] as const)(
    'names group %i as soon as all 20 symbols are in and a character there looks mistyped',
    async (group) => {
      const typo = keyWithTypoIn(group);
      const { user, field } = await openActivate();
      await user.type(field, typo.slice(0, 19));
      expect(field).not.toHaveAttribute('aria-invalid');
      await user.type(field, typo.slice(19));

      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(
        expect.stringContaining(`Check group ${group} — a character there looks mistyped.`),
      );
    },
  );

  it('says the key has a typing mistake when no group can be named, and does not send it', async () => {
    const { user, field, api } = await openActivate();
    await user.type(field, keyWithUnplacedTypo());
    expect(field).toHaveAccessibleDescription(expect.stringContaining('This key has a typing mistake somewhere.'));
    expect(field).toHaveAccessibleDescription(expect.not.stringContaining('Check group'));
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    expect(api.subscriptions.activate).not.toHaveBeenCalled();
  });

  it('says when the key is incomplete on submit', async () => {
    const { user, field, api } = await openActivate();
    await user.type(field, 'ABCDE-FGH');
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('some are missing'));
    expect(api.subscriptions.activate).not.toHaveBeenCalled();
  });

  it.each(['KEY_UNKNOWN', 'KEY_ALREADY_USED'] as const)(
    'shows %s from the service as a sentence tied to the field',
    async (code) => {
      const { user, field } = await openActivate({ subscriptions: { activate: async () => failure(code) } });
      await user.type(field, validKey);
      await user.click(screen.getByRole('button', { name: 'Activate' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(errorSentences[code]);
      expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    },
  );

  it('says a KEY_MALFORMED answer at the field, in the same words as its own check', async () => {
    const { user, field } = await openActivate({
      subscriptions: {
        activate: async () => failure('KEY_MALFORMED', { details: { reason: 'checksum', suspectGroup: 4 } }),
      },
    });
    await user.type(field, validKey);
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        expect.stringContaining('Check group 4 — a character there looks mistyped.'),
      ),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the plan that was added and protects this computer on it', async () => {
    const added = subscription({ id: 'sub-new', seatsUsed: 0 });
    const laptop = device('alex-laptop', { subscriptionId: 'sub-new' });
    const registered = protectedState(laptop);
    const { user, field, api } = await openActivate({
      subscriptions: { activate: async () => ok(added) },
      thisComputer: { register: async () => ok(registered) },
    });
    await user.type(field, validKey);
    await user.click(screen.getByRole('button', { name: 'Activate' }));

    expect(api.subscriptions.activate).toHaveBeenCalledWith({ productKey: formatProductKey(validKey) });
    const heading = await screen.findByRole('heading', { level: 2, name: 'Palisade Family is now on your account' });
    expect(heading).toHaveFocus();
    expect(heading.closest('[role="status"]')).toHaveTextContent(
      `It protects up to 5 devices until ${englishDate(added.expiresAt)}.`,
    );

    await user.click(screen.getByRole('button', { name: 'Protect this computer' }));
    const form = screen.getByRole('form', { name: 'Protect this computer' });
    expect(within(form).getByRole('textbox', { name: 'Name for this computer' })).toHaveFocus();
    expect(within(form).getByRole('textbox', { name: 'Name for this computer' })).toHaveValue('alex-laptop');
    await user.click(within(form).getByRole('button', { name: 'Protect this computer' }));

    expect(api.thisComputer.register).toHaveBeenCalledWith({ name: 'alex-laptop', subscriptionId: 'sub-new' });
    expect(
      await screen.findByText(
        `This computer is now protected until ${englishDate(registered.protectedUntil as string)}.`,
      ),
    ).toHaveAttribute('role', 'status');
  });
});
