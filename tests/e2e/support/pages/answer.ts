import type { Locator } from '@playwright/test';

/** The few browser globals the watcher uses (the Node type check has no DOM library). */
interface PageGlobals {
  __palisadeAnswered?: boolean;
  document: { body: unknown };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
}
interface FormElement {
  isConnected: boolean;
  getAttribute(name: string): string | null;
}

/**
 * Presses a form's submit button and waits until the app has answered: the form went busy
 * (`aria-busy="true"`) and then idle, or left the page (the app moved on). Needed where
 * the page looks the same before and after, e.g. the same error twice in a row. Only for
 * submissions that reach the app (not ones the form itself refuses).
 */
export async function submitAndWaitForAnswer(form: Locator, submit: Locator, timeout = 15_000): Promise<void> {
  // The watcher is in place before the click, so even a fast answer is seen.
  await form.evaluate((element: FormElement) => {
    const page = globalThis as unknown as PageGlobals;
    page.__palisadeAnswered = false;
    let busy = false;
    const observer = new page.MutationObserver(() => {
      if (element.isConnected && element.getAttribute('aria-busy') === 'true') busy = true;
      else if (busy || !element.isConnected) {
        observer.disconnect();
        page.__palisadeAnswered = true;
      }
    });
    observer.observe(page.document.body, {
      attributes: true,
      attributeFilter: ['aria-busy'],
      childList: true,
      subtree: true,
    });
  });
  await submit.click();
  await form
    .page()
    .waitForFunction(() => (globalThis as unknown as PageGlobals).__palisadeAnswered === true, undefined, { timeout });
}
