import { describe, expect, it } from 'vitest';
import { PASSWORD_HOLD_MS, passwordJustChosen } from '../../../electron/services/session/password-just-chosen';

describe('the password just chosen at sign-up', () => {
  it('is handed out once, for its own address only (any case)', () => {
    const held = passwordJustChosen();
    held.keep('Anna@Example.test', 'a quiet lighthouse');
    expect(held.take('someone@example.test')).toBeNull();
    held.keep('Anna@Example.test', 'a quiet lighthouse');
    expect(held.take('anna@example.test ')).toBe('a quiet lighthouse');
    expect(held.take('anna@example.test')).toBeNull();
  });

  it('is forgotten after a few minutes', () => {
    let clock = 0;
    const held = passwordJustChosen(() => clock);
    held.keep('anna@example.test', 'a quiet lighthouse');
    clock += PASSWORD_HOLD_MS + 1;
    expect(held.take('anna@example.test')).toBeNull();
  });

  it('keeps only the newest, and forgets on request', () => {
    const held = passwordJustChosen();
    held.keep('anna@example.test', 'first');
    held.keep('bea@example.test', 'second');
    expect(held.take('anna@example.test')).toBeNull();
    held.keep('bea@example.test', 'second');
    held.forget();
    expect(held.take('bea@example.test')).toBeNull();
  });
});
