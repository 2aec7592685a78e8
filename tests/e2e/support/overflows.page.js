/* global document, getComputedStyle */
// Runs inside the page (plain JavaScript: the Node type check has no DOM library).
// What sticks out of a narrow window: the page scrolling sideways, a shown element past the
// window's edges, or a button cut by a box that hides its overflow. Screen-reader-only text
// (1 px boxes) is left out. Returns [{ where, why }].
(() => {
  const found = [];
  const width = document.documentElement.clientWidth;
  const where = (el) => {
    const label = el.innerText?.trim().slice(0, 40) || el.getAttribute('aria-label') || '';
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${label}"`;
  };
  if (document.documentElement.scrollWidth > width + 1) {
    found.push({ where: 'the page', why: `${document.documentElement.scrollWidth}px wide in a ${width}px window` });
  }
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    if (rect.right > width + 1 || rect.left < -1) {
      found.push({ where: where(el), why: `from ${Math.round(rect.left)}px to ${Math.round(rect.right)}px in a ${width}px window` });
      continue;
    }
    if (el.tagName !== 'BUTTON' && el.getAttribute('role') !== 'button') continue;
    // A button inside a box that cuts what sticks out of it (overflow or paint containment) must fit in it.
    for (let box = el.parentElement; box; box = box.parentElement) {
      const s = getComputedStyle(box);
      const cuts = ['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowX) || /strict|paint|content/.test(s.contain);
      if (!cuts) continue;
      const b = box.getBoundingClientRect();
      if (rect.left < b.left - 1 || rect.right > b.right + 1 || rect.top < b.top - 1 || rect.bottom > b.bottom + 1) {
        found.push({ where: where(el), why: `cut by ${where(box).slice(0, 60)}` });
        break;
      }
    }
  }
  return found;
})();
