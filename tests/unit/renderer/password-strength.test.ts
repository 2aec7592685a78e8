// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../renderer/src/auth/password-strength';
import { formatClock } from '../../../renderer/src/lib/countdown';
import { greetingFor } from '../../../renderer/src/lib/greeting';

describe('passwordStrength', () => {
  it('calls anything under the policy minimum too short', () => {
    expect(passwordStrength('')).toEqual({ score: 0, label: 'Too short' });
    expect(passwordStrength('Ab1!xyz')).toEqual({ score: 0, label: 'Too short' });
    expect(passwordStrength('x'.repeat(129)).label).toBe('Too long');
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
    expect(passwordStrength('alexmorgan2024!', ['Alex Morgan', 'alex']).score).toBeLessThan(passwordStrength('alexmorgan2024!').score);
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
    expect(greetingFor(8)).toBe('Good morning');
    expect(greetingFor(13)).toBe('Good afternoon');
    expect(greetingFor(21)).toBe('Good evening');
    expect(greetingFor(2)).toBe('Good evening');
  });
});
