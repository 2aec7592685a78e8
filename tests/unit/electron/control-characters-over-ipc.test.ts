import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/services/ipc/dispatcher';
import type { Handlers } from '../../../shared/contract/types';
import { errorDetails } from '../../../shared/errors';

/**
 * The app refuses the text rule's characters before anything is sent: the IPC contract uses
 * the service's own schemas, so a name with a NUL, a line break or a text-direction
 * control never leaves the renderer's call.
 */

/** Handlers that fail the test if a refused call reaches them. */
const unreachable = new Proxy({} as Handlers, {
  get: () =>
    new Proxy(
      {},
      {
        get: () => async () => {
          throw new Error('a handler was reached with input the contract refuses');
        },
      },
    ),
});

const attacks = {
  'a NUL': 'Ada\u0000Lovelace',
  'CR/LF line breaks': 'Alice\r\n\r\nURGENT: call +1-555-0100',
  'a line separator': 'Alice\u2028URGENT: call +1-555-0100',
  'a right-to-left override': 'Alice \u202e0010-555-1+ llac',
  'a right-to-left isolate': 'Alice \u2067call +1-555-0100\u2069',
};

const calls: [channel: string, input: (text: string) => unknown, field: string][] = [
  ['auth.signUp', (name) => ({ email: 'ada@example.test', password: 'a quiet lighthouse', name }), 'name'],
  ['account.update', (name) => ({ name }), 'name'],
  ['devices.rename', (name) => ({ id: 'device-1', name }), 'name'],
  ['thisComputer.register', (name) => ({ name }), 'name'],
];

describe('the IPC contract refuses text the service would refuse', () => {
  for (const [attack, text] of Object.entries(attacks)) {
    it.each(calls)(`refuses ${attack} in %s`, async (channel, input, field) => {
      const result = await createDispatcher(unreachable).dispatch(channel, input(text));
      if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(text)}`);
      expect(errorDetails(result.error, 'IPC_INVALID_INPUT')?.fields[field]).toMatchObject({
        code: 'invalid_format',
        format: 'single_line_text',
      });
    });
  }

  it.each(['auth.signIn', 'auth.signUp'])('refuses a NUL in the password of %s', async (channel) => {
    const result = await createDispatcher(unreachable).dispatch(channel, {
      email: 'ada@example.test',
      password: 'a quiet\u0000lighthouse',
      ...(channel === 'auth.signUp' && { name: 'Ada' }),
    });
    if (result.ok) throw new Error('accepted a NUL in a password');
    expect(errorDetails(result.error, 'IPC_INVALID_INPUT')?.fields.password).toMatchObject({
      code: 'invalid_format',
      format: 'secret_text',
    });
  });
});
