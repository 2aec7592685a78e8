import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { expectError, GOOD_PASSWORD, signedUpWithCode, uniqueEmail, wrongCode } from './http';

const { smtp, api } = useService();

const signedUp = (label: string) => signedUpWithCode(api, smtp, label);

/**
 * An e-mail code has 40 bits: guessable if tries were free. Each code gets 5 wrong tries,
 * counted so that concurrent guesses cannot share one, and an address that has no code
 * counts the same, so guessing neither finds a code nor tells who has an account.
 */
const confirmByCode = (email: string, code: string) => api.post('/v1/auth/confirm', { email, code });

describe('guessing an e-mail code', () => {
  it('gives a code 5 wrong tries, counting down, then it is spent even for the right code', async () => {
    const { email, code } = await signedUp('code-tries');
    for (const left of [4, 3, 2, 1, 0]) {
      expect(expectError(await confirmByCode(email, wrongCode(code)), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: left });
    }
    expect(expectError(await confirmByCode(email, code), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: 0 });
    expectError(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }), 403, 'EMAIL_NOT_CONFIRMED');
  });
  it('counts concurrent wrong tries one by one: 12 at once leave no try for the right code', async () => {
    const { email, code } = await signedUp('code-race');
    const answers = await Promise.all(Array.from({ length: 12 }, () => confirmByCode(email, wrongCode(code))));
    const left = answers.map((answer) => expectError(answer, 400, 'CODE_INVALID')?.attemptsLeft as number);
    expect([...left].sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(expectError(await confirmByCode(email, code), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: 0 });
  });
  it('answers an unknown address like a wrong code, tries counting down the same', async () => {
    const email = uniqueEmail('code-ghost');
    for (const left of [4, 3, 2, 1, 0, 0]) {
      expect(expectError(await confirmByCode(email, 'ABCD-EFGH'), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: left });
    }
  });
});
