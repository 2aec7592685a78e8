import { describe, expect, it } from 'vitest';
import {
  canDeliverLinks,
  opensOnActivate,
  quitsWhenLastWindowCloses,
  secondInstanceSteps,
  stepsToShow,
} from '../../../electron/services/window/window-rules';

describe('the window’s rules', () => {
  it('restores a minimised window before showing and focusing it, and does nothing without one', () => {
    expect(stepsToShow({ hasWindow: true, minimized: true })).toEqual(['restore', 'show', 'focus']);
    expect(stepsToShow({ hasWindow: true, minimized: false })).toEqual(['show', 'focus']);
    expect(stepsToShow({ hasWindow: false, minimized: false })).toEqual([]);
    expect(secondInstanceSteps({ hasWindow: true, minimized: true })).toEqual(['restore', 'show', 'focus']);
  });

  it.each([
    ['linux', true],
    ['win32', true],
    ['darwin', false],
  ] as const)('on %s, closing the last window quits: %s', (platform, quits) => {
    expect(quitsWhenLastWindowCloses(platform)).toBe(quits);
  });

  it('opens a window on activate only when the app is ready and has none', () => {
    expect(opensOnActivate({ hasWindow: false, ready: true })).toBe(true);
    expect(opensOnActivate({ hasWindow: true, ready: true })).toBe(false);
    expect(opensOnActivate({ hasWindow: false, ready: false })).toBe(false);
  });

  it('delivers deep links once the page has loaded', () => {
    expect(canDeliverLinks({ ready: true, rendererLoaded: true })).toBe(true);
    expect(canDeliverLinks({ ready: true, rendererLoaded: false })).toBe(false);
    expect(canDeliverLinks({ ready: false, rendererLoaded: true })).toBe(false);
  });
});
