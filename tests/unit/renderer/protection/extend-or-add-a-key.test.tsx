// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addYears, extendedExpiry, type KeyPreview } from '../../../../shared/api/subscriptions';
import { formatProductKey, generateProductKey } from '../../../../shared/product-key';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { daysFromNow, englishDate, resetProtectionStoreBeforeEach, subscription } from './fixtures';

resetProtectionStoreBeforeEach();

const key = generateProductKey(() => Uint8Array.from({ length: 19 }, (_, i) => i * 7));
const familyKey: KeyPreview = { plan: 'family', planName: 'Palisade Family', termYears: 2 };

const laptops = subscription({ id: 'sub-laptops', seatsUsed: 3, keyLastGroup: '7QX2M' });
const spare = subscription({ id: 'sub-spare', seatsUsed: 0, keyLastGroup: 'B4KTR', expiresAt: laptops.startsAt });
const essentials = subscription({
  id: 'sub-essentials',
  plan: 'essentials',
  planName: 'Palisade Essentials',
  seats: 1,
});

async function typeKeyAndSubmit(overrides: Parameters<typeof createFakeApi>[0]) {
  const { api } = createFakeApi(overrides, signedIn);
  const view = renderApp(api, '/subscriptions/activate');
  const field = await screen.findByRole('textbox', { name: 'Product key' }, { timeout: 5000 });
  // Wait for the account's subscriptions: the choice depends on them.
  await view.user.type(field, key);
  await view.user.click(screen.getByRole('button', { name: 'Activate' }));
  return { api, ...view };
}

const extendLabel = (s: typeof laptops) =>
  `Extend Palisade Family (key …${s.keyLastGroup}, since ${englishDate(s.startsAt)}) to ${englishDate(
    extendedExpiry(s.expiresAt, 2, new Date()).toISOString(),
  )}`;

describe('a key of a plan the account already has', () => {
  it('asks whether to extend, defaulting to the subscription with devices, and names each by key and start', async () => {
    const { api, user } = await typeKeyAndSubmit({
      subscriptions: {
        list: async () => ok([spare, laptops, essentials]),
        previewKey: async () => ok(familyKey),
        activate: async () =>
          ok({ ...laptops, expiresAt: extendedExpiry(laptops.expiresAt, 2, new Date()).toISOString() }),
      },
    });
    expect(api.subscriptions.previewKey).toHaveBeenCalledWith({ productKey: formatProductKey(key) });
    const heading = await screen.findByRole('heading', { level: 2, name: 'You already have Palisade Family' });
    expect(heading).toHaveFocus();
    const group = screen.getByRole('group', { name: 'What should this key do?' });
    const options = within(group).getAllByRole('radio');
    // Only the plan's subscriptions, and adding separately; the one protecting devices is chosen.
    expect(options).toHaveLength(3);
    expect(within(group).getByRole('radio', { name: extendLabel(laptops) })).toBeChecked();
    expect(within(group).getByRole('radio', { name: extendLabel(laptops) })).toHaveAccessibleDescription(
      '3 devices on it keep their protection.',
    );
    expect(within(group).getByRole('radio', { name: extendLabel(spare) })).not.toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Add as a separate subscription' })).toHaveAccessibleDescription(
      `Its own seats, until ${englishDate(addYears(new Date(), 2).toISOString())}.`,
    );

    await user.click(screen.getByRole('button', { name: 'Use the key' }));
    expect(api.subscriptions.activate).toHaveBeenCalledWith({
      productKey: formatProductKey(key),
      extendSubscriptionId: 'sub-laptops',
    });
    const done = await screen.findByRole('heading', { level: 2, name: 'Palisade Family is extended' });
    expect(done).toHaveFocus();
    expect(done.closest('[role="status"]')).toHaveTextContent(
      `It now runs until ${englishDate(extendedExpiry(laptops.expiresAt, 2, new Date()).toISOString())}.`,
    );
  });

  it('adds the key separately when the person chooses so, with the keyboard', async () => {
    const added = subscription({ id: 'sub-new', seatsUsed: 0 });
    const { api, user } = await typeKeyAndSubmit({
      subscriptions: {
        list: async () => ok([laptops]),
        previewKey: async () => ok(familyKey),
        activate: async () => ok(added),
      },
    });
    await screen.findByRole('heading', { level: 2, name: 'You already have Palisade Family' });
    await user.tab();
    expect(screen.getByRole('radio', { name: extendLabel(laptops) })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'Add as a separate subscription' })).toBeChecked();
    await user.keyboard('{Enter}');
    expect(api.subscriptions.activate).toHaveBeenCalledWith({ productKey: formatProductKey(key) });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Palisade Family is now on your account' }),
    ).toBeInTheDocument();
  });

  it('goes back to the key, and says a refusal in the choice', async () => {
    const { user } = await typeKeyAndSubmit({
      subscriptions: {
        list: async () => ok([laptops]),
        previewKey: async () => ok(familyKey),
        activate: async () => failure('PLAN_MISMATCH'),
      },
    });
    await screen.findByRole('heading', { level: 2, name: 'You already have Palisade Family' });
    await user.click(screen.getByRole('button', { name: 'Use the key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This key is for a different plan');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('textbox', { name: 'Product key' })).toHaveValue(formatProductKey(key));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('a key of a plan the account does not have', () => {
  it('is activated at once, with no choice', async () => {
    const added = subscription({ id: 'sub-new', plan: 'max', planName: 'Palisade Max' });
    const { api } = await typeKeyAndSubmit({
      subscriptions: {
        list: async () => ok([essentials]),
        previewKey: async () => ok({ plan: 'max', planName: 'Palisade Max', termYears: 1 }),
        activate: async () => ok(added),
      },
    });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Palisade Max is now on your account' }),
    ).toBeInTheDocument();
    expect(api.subscriptions.activate).toHaveBeenCalledWith({ productKey: formatProductKey(key) });
    expect(screen.queryByRole('group', { name: 'What should this key do?' })).not.toBeInTheDocument();
  });

  it('says an unknown key at the form, without a choice', async () => {
    const { api } = await typeKeyAndSubmit({
      subscriptions: { list: async () => ok([laptops]), previewKey: async () => failure('KEY_UNKNOWN') },
    });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(api.subscriptions.activate).not.toHaveBeenCalled();
  });
});

describe('the key field', () => {
  it('keeps a doubled key press and says which group has one character too many', async () => {
    const { api } = createFakeApi({}, signedIn);
    const { user } = renderApp(api, '/subscriptions/activate');
    const field = await screen.findByRole('textbox', { name: 'Product key' }, { timeout: 5000 });
    // K3P7M-2XQ9T-48HWN-CRF67 with the Q pressed twice.
    await user.type(field, 'K3P7M2XQQ9T48HWNCRF67');
    expect(field).toHaveValue('K3P7M-2XQQ9-T48HW-NCRF6-7');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('One character too many — check group 2'));
  });

  it('folds full-width characters instead of dropping them', async () => {
    const { api } = createFakeApi({}, signedIn);
    const { user } = renderApp(api, '/subscriptions/activate');
    const field = await screen.findByRole('textbox', { name: 'Product key' }, { timeout: 5000 });
    await user.type(field, 'ＫＳＰ');
    expect(field).toHaveValue('KSP');
  });
});

describe('Manage seats with two subscriptions of one plan', () => {
  it('opens the one that has devices, and names both so they can be told apart', async () => {
    const empty = subscription({ id: 'sub-empty', seatsUsed: 0, keyLastGroup: 'B4KTR', expiresAt: daysFromNow(700) });
    const used = subscription({ id: 'sub-used', seatsUsed: 2, keyLastGroup: '7QX2M' });
    const { api } = createFakeApi({ subscriptions: { list: async () => ok([empty, used]) } }, signedIn);
    renderApp(api, '/devices/make-room');
    const group = await screen.findByRole('group', {}, { timeout: 5000 });
    expect(
      within(group).getByRole('radio', { name: `Palisade Family (key …7QX2M, since ${englishDate(used.startsAt)})` }),
    ).toBeChecked();
    expect(
      within(group).getByRole('radio', { name: `Palisade Family (key …B4KTR, since ${englishDate(empty.startsAt)})` }),
    ).not.toBeChecked();
  });
});
