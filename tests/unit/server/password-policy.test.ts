import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/password-policy';
import { ServiceError } from '../../../server/src/http/service-error';
import { assertPasswordAcceptable, commonPasswords, parseCommonPasswords, passwordWeakness } from '../../../server/src/identity/password-policy';

describe('the password policy (OWASP ASVS 5.0 §6.2)', () => {
  it('needs at least 8 characters, counted as a person counts them', () => {
    expect(passwordWeakness('seven c')).toBe('too_short');
    expect(passwordWeakness('eight ch')).toBeNull();
    // Four emoji are 8 UTF-16 units but only 4 characters.
    expect(passwordWeakness('🦊🦊🦊🦊')).toBe('too_short');
    expect(passwordWeakness('🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull();
  });

  it('allows at least 64 characters, and refuses only beyond the hashing cap', () => {
    expect(passwordWeakness('p'.repeat(64) + 'q')).toBeNull();
    expect(passwordWeakness('a long passphrase '.repeat(7).slice(0, PASSWORD_MAX_LENGTH))).toBeNull();
    expect(passwordWeakness('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('too_long');
  });

  it('has no composition rules', () => {
    for (const password of ['alllowercaseletters', 'ALLUPPERCASELETTERS', '8472619305', '        spaces      ', 'пароль-на-русском']) {
      expect(passwordWeakness(password), password).toBeNull();
    }
  });

  it('refuses the most common passwords, whatever their case', () => {
    for (const password of ['password', 'PASSWORD', '12345678', 'iloveyou', 'Qwertyuiop', 'trustno1']) {
      expect(passwordWeakness(password), password).toBe('too_common');
    }
  });

  it('ships a list of 10,000 common passwords that the length rule alone would let through', () => {
    const list = commonPasswords();
    expect(list.size).toBe(10_000);
    for (const password of list) expect([...password].length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
  });

  it('reads a list file whatever its line endings, case and blank lines', () => {
    const list = parseCommonPasswords('Hunter22\r\n\r\n  letmein99 \nsunshine\n');
    expect([...list]).toEqual(['hunter22', 'letmein99', 'sunshine']);
    expect(passwordWeakness('HUNTER22', list)).toBe('too_common');
    expect(passwordWeakness('hunter23', list)).toBeNull();
  });

  it('answers 400 WEAK_PASSWORD with the reason and the bounds', () => {
    expect(() => assertPasswordAcceptable('correct horse battery staple')).not.toThrow();
    try {
      assertPasswordAcceptable('short', 'newPassword');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceError);
      const failure = error as ServiceError;
      expect([failure.statusCode, failure.code]).toEqual([400, 'WEAK_PASSWORD']);
      expect(failure.details).toEqual({ reason: 'too_short', field: 'newPassword', minLength: 8, maxLength: PASSWORD_MAX_LENGTH });
      expect(failure.message).toMatch(/at least 8/);
    }
  });
});
