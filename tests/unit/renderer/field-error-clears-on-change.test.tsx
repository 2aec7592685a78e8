// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type FormEvent } from 'react';
import { RawIntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { PasswordField } from '../../../renderer/src/components/PasswordField';
import { TextField } from '../../../renderer/src/components/TextField';
import { createFakeApi, failure, ok, signedIn } from './support/fake-api';
import { device, resetProtectionStoreBeforeEach } from './protection/fixtures';
import { intlFor } from './support/intl';
import { renderApp } from './support/render-app';
import './security/patient-queries';

resetProtectionStoreBeforeEach();

const emailSentence = 'Enter an e-mail address like name@example.com.';
const passwordSentence = 'Enter your password.';

describe('an error under a field goes once the field changes', () => {
  it('on sign-in: each field loses its own error as it is edited, and a submit asks again', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');
    await user.type(await screen.findByLabelText('E-mail address'), 'alex@');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('E-mail address');
    const password = screen.getByLabelText('Password');
    expect(email).toHaveAccessibleDescription(emailSentence);
    expect(password).toHaveAccessibleDescription(passwordSentence);

    await user.type(email, 'e');
    expect(screen.queryByText(emailSentence)).not.toBeInTheDocument();
    expect(email).not.toHaveAttribute('aria-invalid');
    // The other field was not touched: its error stays.
    expect(screen.getByText(passwordSentence)).toBeInTheDocument();

    await user.type(password, 'x');
    expect(screen.queryByText(passwordSentence)).not.toBeInTheDocument();

    // Still not an address: submitting says so again, even in the same words.
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(emailSentence);
  });

  it('an error from the service (its field problems) goes too, for any form built from the field components', async () => {
    const { api } = createFakeApi({
      auth: {
        signIn: async () =>
          failure('VALIDATION_FAILED', { details: { fields: { email: { code: 'too_big', maximum: 254, message: 'x' } } } }),
      },
    });
    const { user } = renderApp(api, '/sign-in');
    await user.type(await screen.findByLabelText('E-mail address'), 'alex@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const tooLong = await screen.findByText('Use at most 254 characters.');
    expect(tooLong).toBeInTheDocument();
    await user.type(screen.getByLabelText('E-mail address'), '{Backspace}');
    expect(screen.queryByText('Use at most 254 characters.')).not.toBeInTheDocument();
  });

  it('comes back when a submit gives an error again, in the words of the new one', async () => {
    function Form() {
      const [value, setValue] = useState('');
      const [secret, setSecret] = useState('');
      const [error, setError] = useState<string | undefined>('First problem.');
      const submit = (event: FormEvent) => {
        event.preventDefault();
        setError(value === 'b' ? 'Second problem.' : 'First problem.');
      };
      return (
        <form onSubmit={submit} noValidate>
          <TextField label="Name" value={value} onChange={(e) => setValue(e.target.value)} error={error} />
          <PasswordField label="Secret" value={secret} onChange={setSecret} autoComplete="new-password" error={error} />
          <button type="submit">Save</button>
        </form>
      );
    }
    const user = userEvent.setup();
    render(
      <RawIntlProvider value={intlFor('en')}>
        <Form />
      </RawIntlProvider>,
    );
    expect(screen.getAllByText('First problem.')).toHaveLength(2);
    await user.type(screen.getByLabelText('Name'), 'b');
    expect(screen.getAllByText('First problem.')).toHaveLength(1);
    await user.type(screen.getByLabelText('Secret'), 's');
    expect(screen.queryByText('First problem.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getAllByText('Second problem.')).toHaveLength(2);
  });

  it('renaming a device in its row: the error goes as the name is edited', async () => {
    const desk = device('Desk PC');
    const fake = createFakeApi({ devices: { list: async () => ok({ devices: [desk], thisDeviceId: null }) } }, signedIn);
    const { user } = renderApp(fake.api, '/devices');
    const list = await screen.findByRole('list', { name: 'Devices' }, { timeout: 5000 });
    await user.click(within(list).getByRole('button', { name: 'Rename Desk PC' }));
    const input = within(list).getByRole('textbox', { name: 'New name for Desk PC' });
    await user.clear(input);
    await user.type(input, '   {Enter}');
    expect(input).toHaveAccessibleDescription('Enter a name for this device.');
    await user.type(input, 'S');
    expect(input).not.toHaveAccessibleDescription('Enter a name for this device.');
    expect(input).not.toHaveAttribute('aria-invalid');
  });
});
