/* global document, NodeFilter, HTMLInputElement, HTMLSelectElement, getComputedStyle */
// Runs inside the page (plain JavaScript: the Node type check has no DOM library).
// Collects what a person can read on the screen as it is now, and what is clipped.
// Returns { texts: [{ text, where }], clipped: [{ text, where, why }] }.
(() => {
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
  const accessibleAttributes = [
    'aria-label',
    'title',
    'placeholder',
    'alt',
    'aria-valuetext',
    'aria-roledescription',
    'aria-description',
  ];
  const squash = (text) => text.replace(/\s+/g, ' ').trim();

  const shown = (element) =>
    element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true });

  /** Text only screen readers get (the visually-hidden pattern): read, but never "clipped". */
  const screenReaderOnly = (element) => {
    const box = element.getBoundingClientRect();
    return box.width <= 1 || box.height <= 1;
  };

  /** A short, stable description of where a text is: tag, role or id, and the nearest heading. */
  const where = (element) => {
    const parts = [element.tagName.toLowerCase()];
    const role = element.getAttribute('role');
    if (role) parts.push(`[role=${role}]`);
    if (element.id) parts.push(`#${element.id}`);
    else if (element.classList.length) parts.push(`.${[...element.classList].slice(0, 2).join('.')}`);
    const region = element.closest('dialog, [role="dialog"], [role="alertdialog"], header, nav, main, aside, footer');
    if (region)
      parts.push(
        ` in ${region.tagName.toLowerCase()}${region.getAttribute('role') ? `[role=${region.getAttribute('role')}]` : ''}`,
      );
    return parts.join('');
  };

  const texts = [];
  const clipped = [];

  if (document.title) texts.push({ text: squash(document.title), where: 'document title' });

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = squash(node.data);
    const parent = node.parentElement;
    if (!text || !parent || skipped.has(parent.tagName) || parent.closest('svg, script, style')) continue;
    // Options of a closed list box are not laid out, but their text is what the box shows.
    const option = parent.closest('option');
    if (option ? !shown(option.closest('select') ?? option) : !shown(parent)) continue;
    texts.push({ text, where: where(parent) });
  }

  for (const element of document.body.querySelectorAll('*')) {
    if (!shown(element)) continue;
    for (const name of accessibleAttributes) {
      const value = element.getAttribute(name);
      if (value && squash(value)) texts.push({ text: squash(value), where: `${where(element)} @${name}` });
    }
    if (element instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(element.type) && element.value) {
      texts.push({ text: squash(element.value), where: `${where(element)} @value` });
    }
  }

  // Clipping: text that does not fit the box that hides its overflow, and controls too narrow for their label.
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (text, style) => {
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const innerWidth = (element, style) =>
    element.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);

  for (const element of document.body.querySelectorAll('*')) {
    if (!shown(element) || screenReaderOnly(element) || element.closest('svg')) continue;
    const style = getComputedStyle(element);
    const label = squash(element.innerText ?? '');
    const hidesX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    const hidesY = ['hidden', 'clip'].includes(style.overflowY) || style.webkitLineClamp !== 'none';
    if (label && hidesX && element.scrollWidth > element.clientWidth + 1) {
      clipped.push({
        text: label,
        where: where(element),
        why: `${element.scrollWidth}px of text in a ${element.clientWidth}px box`,
      });
      continue;
    }
    if (label && hidesY && element.scrollHeight > element.clientHeight + 1 && style.display !== 'inline') {
      clipped.push({
        text: label,
        where: where(element),
        why: `${element.scrollHeight}px of text in a ${element.clientHeight}px tall box`,
      });
      continue;
    }
    // A button whose label runs out of it, hidden or not, reads as broken.
    if (
      label &&
      (element.tagName === 'BUTTON' || element.getAttribute('role') === 'button') &&
      element.scrollWidth > element.clientWidth + 1
    ) {
      clipped.push({
        text: label,
        where: where(element),
        why: `${element.scrollWidth}px of label in a ${element.clientWidth}px button`,
      });
      continue;
    }
    // Single-line controls: a placeholder, a button value or the chosen option wider than the control.
    const oneLine =
      element instanceof HTMLInputElement
        ? element.type === 'submit' || element.type === 'button'
          ? element.value
          : element.value
            ? ''
            : element.placeholder
        : element instanceof HTMLSelectElement
          ? (element.selectedOptions[0]?.text ?? '')
          : '';
    if (oneLine) {
      // A list box keeps room for its arrow.
      const room = innerWidth(element, style) - (element instanceof HTMLSelectElement ? 16 : 0);
      const needed = textWidth(oneLine, style);
      if (needed > room + 1) {
        clipped.push({
          text: squash(oneLine),
          where: where(element),
          why: `${Math.ceil(needed)}px of text in ${Math.floor(room)}px`,
        });
      }
    }
  }

  return { texts, clipped };
})();
