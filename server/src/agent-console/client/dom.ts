/**
 * Elements are built here and nowhere else, and text only ever goes in as `textContent`:
 * customer data (subjects, messages, diagnostics) can never become markup.
 */
type Attributes = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A fresh id for pairing a label or description with its control. */
let next = 0;
export const uniqueId = (prefix: string): string => `${prefix}-${++next}`;

/** A labelled field: the label names the control, and the control is returned for reading. */
export function field<C extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(label: string, control: C): { wrapper: HTMLElement; control: C } {
  control.id ||= uniqueId('field');
  return { wrapper: el('div', { class: 'field' }, el('label', { for: control.id }, label), control), control };
}

/** Replaces everything in `parent` with `children`. */
export function replaceChildren(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children);
}
