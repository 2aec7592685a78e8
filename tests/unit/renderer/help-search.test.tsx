// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Article, ArticleSummary } from '../../../shared/api/support-articles';
import { createFakeApi, ok, signedIn } from './support/fake-api';
import { renderApp } from './support/render-app';

const reset: ArticleSummary = {
  slug: 'reset-password',
  title: 'Reset a forgotten password',
  summary: 'Forgot it?',
  kind: 'article',
  snippet: 'choose a new \uE000password\uE001 and sign in',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const article: Article = {
  slug: 'reset-password',
  title: 'Reset a forgotten password',
  summary: 'Forgot it?',
  kind: 'article',
  body: [
    '## Steps',
    '',
    '1. Choose **Forgot password?**',
    '2. Open the link',
    '',
    'Text with <script>alert(1)</script> and <img src=x onerror=alert(1)>, a [safe link](https://palisade.example/help) and a [bad one](javascript:alert(1)).',
  ].join('\n'),
  related: [{ slug: 'sign-in', title: 'Sign in and sign out' }],
  updatedAt: '2026-12-01T10:00:00.000Z',
};

function setUp() {
  const search = vi.fn(async ({ q }: { q: string }) => ok(q === '' ? [] : [reset]));
  const feedback = vi.fn(async () => ok(null));
  const openExternal = vi.fn(async () => ok(null));
  const fake = createFakeApi(
    {
      app: { openExternal },
      help: { search, article: async () => ok(article), feedback },
    },
    signedIn,
  );
  return { search, feedback, openExternal, ...renderApp(fake.api, '/support') };
}

describe('the knowledge base section', () => {
  it('searches as you type once typing pauses, marks the matched words, and opens an article without raw HTML', async () => {
    const { user, search, feedback, openExternal, container } = setUp();
    const box = await screen.findByRole('searchbox', { name: 'Search help' });
    await user.type(box, 'pasword');
    await waitFor(() => expect(search).toHaveBeenCalledWith({ q: 'pasword' }));
    // Debounced: not one search per key.
    expect(search.mock.calls.filter(([input]) => input.q !== '').length).toBeLessThan('pasword'.length);
    const result = await screen.findByRole('button', { name: /Reset a forgotten password/ });
    expect(result.querySelector('mark')?.textContent).toBe('password');

    await user.click(result);
    expect(await screen.findByRole('heading', { name: 'Reset a forgotten password' })).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Steps' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').some((li) => li.textContent === 'Choose Forgot password?')).toBe(true);
    // The article's HTML is text: no element was made from it.
    expect(container.querySelector('script, img')).toBeNull();
    expect(screen.getByText(/<script>alert\(1\)<\/script>/)).toBeInTheDocument();
    // Only the https link is a link, and it goes through the vetted path.
    expect(screen.queryByRole('link', { name: 'bad one' })).toBeNull();
    await user.click(screen.getByRole('link', { name: 'safe link' }));
    expect(openExternal).toHaveBeenCalledWith({ url: 'https://palisade.example/help' });

    expect(screen.getByRole('button', { name: 'Sign in and sign out' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes' }));
    expect(feedback).toHaveBeenCalledWith({ slug: 'reset-password', helpful: true });
    expect(await screen.findByText('Thank you for telling us.')).toBeInTheDocument();
  });
});
