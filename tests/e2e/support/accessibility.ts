import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const colorSchemes = ['light', 'dark'] as const;

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One line per violation: rule, what it asks, and where, so a failure reads without a trace. */
function describe(violation: Violation): string {
  const where = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${where}`;
}

/**
 * Runs axe-core (every rule, best practices included) on the page as it is now, once in
 * the light theme and once in the dark one, and expects no violations in either. The caller
 * waits for the screen to be there first. Motion is reduced so no colour is mid-transition.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  for (const colorScheme of colorSchemes) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map(describe), `axe-core on "${screen}" in the ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null, reducedMotion: null });
}
