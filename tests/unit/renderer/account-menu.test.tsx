// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alex, createFakeApi, signedIn } from './support/fake-api';
import { renderApp } from './support/render-app';
import './security/patient-queries';

async function signedInApp() {
  const fake = createFakeApi({}, signedIn);
  const view = renderApp(fake.api, '/');
  const button = await screen.findByRole('button', { name: alex.name });
  return { ...fake, ...view, button };
}

const menuItems = () => screen.getAllByRole('menuitem');

describe('Account menu', () => {
  it('opens with Enter on the first item, moves with the arrow keys, and closes with Escape back on the button', async () => {
    const { user, button } = await signedInApp();
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();

    button.focus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menu')).toHaveAttribute('id', button.getAttribute('aria-controls'));
    expect(menuItems().map((item) => item.textContent)).toEqual(['Settings', 'Sign out']);
    expect(menuItems()[0]).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(menuItems()[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(menuItems()[0]).toHaveFocus(); // wraps
    await user.keyboard('{ArrowUp}');
    expect(menuItems()[1]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(menuItems()[0]).toHaveFocus();
    await user.keyboard('{End}');
    expect(menuItems()[1]).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('opens with Space, and with the Up arrow on the last item', async () => {
    const { user, button } = await signedInApp();
    button.focus();
    await user.keyboard(' ');
    expect(menuItems()[0]).toHaveFocus();
    await user.keyboard('{Escape}');

    await user.keyboard('{ArrowUp}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(menuItems()[1]).toHaveFocus();
  });

  it('closes when Tab leaves it or a click lands outside', async () => {
    const { user, button } = await signedInApp();
    await user.click(button);
    expect(menuItems()[0]).toHaveFocus();
    await user.tab();
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('signs out from the keyboard and lands on the sign-in screen', async () => {
    const { user, button, api } = await signedInApp();
    button.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');

    expect(api.auth.signOut).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('goes to Settings from the menu', async () => {
    const { user, button } = await signedInApp();
    await user.click(button);
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  });
});
