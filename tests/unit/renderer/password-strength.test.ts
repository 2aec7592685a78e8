// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../renderer/src/auth/password-strength';
import { formatClock } from '../../../renderer/src/lib/countdown';
import { greetingFor } from '../../../renderer/src/lib/greeting';
import { intlFor } from './support/intl';

describe('passwordStrength', () => {
  it('calls anything under the policy minimum too short', () => {
    expect(passwordStrength('')).toEqual({ score: 0, verdict: 'tooShort' });
    expect(passwordStrength('Ab1!xyz')).toEqual({ score: 0, verdict: 'tooShort' });
    expect(passwordStrength('x'.repeat(129)).verdict).toBe('tooLong');
  });

  it('rewards length above all', () => {
    expect(passwordStrength('tulipmoon').score).toBe(1);
    expect(passwordStrength('tulip moon ok').score).toBe(2);
    expect(passwordStrength('violet harbour lantern').score).toBe(4);
  });

  it('marks down the patterns people reach for first', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaaaaaa').score).toBe(2);
    expect(passwordStrength('password1234567').score).toBeLessThan(passwordStrength('violet1harbour').score);
    expect(passwordStrength('12345678').score).toBe(1);
    expect(passwordStrength('alexmorgan2024!', ['Alex Morgan', 'alex']).score).toBeLessThan(
      passwordStrength('alexmorgan2024!').score,
    );
  });

  it('counts characters as a person does', () => {
    // Seven emoji are fourteen UTF-16 units but still seven characters: too short.
    expect(passwordStrength('🔒🔑🔐🧱🏰🐢🌵').score).toBe(0);
    expect(passwordStrength('🔒🔑🔐🧱🏰🐢🌵🍋').score).toBeGreaterThan(0);
  });
});

describe('formatClock', () => {
  it('shows minutes and seconds, rounding up so 0:00 means done', () => {
    expect(formatClock(125)).toBe('02:05');
    expect(formatClock(0.2)).toBe('00:01');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(-5)).toBe('00:00');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});

describe('greetingFor', () => {
  it('follows the time of day', () => {
    const en = intlFor('en');
    expect(greetingFor(en, 8)).toBe('Good morning');
    expect(greetingFor(en, 13)).toBe('Good afternoon');
    expect(greetingFor(en, 21)).toBe('Good evening');
    expect(greetingFor(en, 2, 'Alex Morgan')).toBe('Good evening, Alex Morgan');
  });

  it('greets in German too', () => {
    const de = intlFor('de');
    expect(greetingFor(de, 8, 'Alex Morgan')).toBe('Guten Morgen, Alex Morgan');
    expect(greetingFor(de, 13)).toBe('Guten Tag');
    expect(greetingFor(de, 21)).toBe('Guten Abend');
  });
});
