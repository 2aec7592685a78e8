/**
 * When the app opens, shows and quits its window. Plain decisions, so the tray can change
 * them in one place (a tray keeps the app running with no window open).
 */

export interface WindowFacts {
  /** The app window exists (it may be hidden or minimised). */
  hasWindow: boolean;
  minimized: boolean;
}

export type ShowStep = 'restore' | 'show' | 'focus';

/** What brings the window to the front: a minimised one is restored first. Nothing when there is none. */
export function stepsToShow({ hasWindow, minimized }: WindowFacts): ShowStep[] {
  if (!hasWindow) return [];
  return minimized ? ['restore', 'show', 'focus'] : ['show', 'focus'];
}

/** Closing the last window quits the app, except on macOS, where apps stay in the Dock. */
export function quitsWhenLastWindowCloses(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/** The Dock icon clicked (macOS `activate`): a window opens when none is, once the app is ready. */
export function opensOnActivate({ hasWindow, ready }: { hasWindow: boolean; ready: boolean }): boolean {
  return ready && !hasWindow;
}

/**
 * Palisade started again while running: the running one shows its window (the new one
 * quits). Its arguments, a deep link say, are handled apart.
 */
export function secondInstanceSteps(facts: WindowFacts): ShowStep[] {
  return stepsToShow(facts);
}

/** A deep link reaches the renderer only once its page has loaded; until then it waits. */
export function canDeliverLinks({ ready, rendererLoaded }: { ready: boolean; rendererLoaded: boolean }): boolean {
  return ready && rendererLoaded;
}
