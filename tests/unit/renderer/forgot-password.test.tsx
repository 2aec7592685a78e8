// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorSentences } from '../../../renderer/src/errors/messages';
import { createFakeApi, failure } from './support/fake-api';
import { findStatus, renderApp } from './support/render-app';

describe('Forgot password', () => {
  it('gives the same answer whether or not the account exists', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/forgot-password');

    await user.type(await screen.findByLabelText('E-mail address'), ' nobody@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(api.auth.requestPasswordReset).toHaveBeenCalledWith({ email: 'nobody@example.com' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your e-mail' })).toHaveFocus();
    expect(await findStatus('If an account exists for nobody@example.com, we’ve sent a link')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Enter the code from the e-mail' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
  });

  it('says how long to wait when rate limited', async () => {
    const { api } = createFakeApi({ auth: { requestPasswordReset: async () => failure('RATE_LIMITED', { retryAfterSeconds: 120 }) } });
    const { user } = renderApp(api, '/forgot-password');

    await user.type(await screen.findByLabelText('E-mail address'), 'alex@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 2 minutes.');
    expect(screen.queryByText(errorSentences.RATE_LIMITED)).not.toBeInTheDocument();
  });
});
