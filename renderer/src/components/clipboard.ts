/**
 * Puts text on the clipboard; false when the system refused. The async Clipboard API needs
 * a permission that the Electron window denies (it denies every permission), so a copy
 * from a hidden text area, allowed during a click, stands in for it.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

function copyBySelection(text: string): boolean {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.focus();
  area.select();
  try {
    // Deprecated, but the one copy that needs no permission.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus();
  }
}
