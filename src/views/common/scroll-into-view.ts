/**
 * Brings what a step changed into view inside the panel that scrolls, not the page:
 * element.scrollIntoView() also scrolls every ancestor, so each step would jump the page
 * away from the controls the user is pressing.
 */

function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const y = getComputedStyle(p).overflowY;
    if ((y === 'auto' || y === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

/** Scrolls the nearest scrolling ancestor the least that shows `el` whole (its top if taller). */
export function scrollIntoScroller(el: HTMLElement, scroller: HTMLElement | null = scrollerOf(el)): void {
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  // the sticky header of a table covers the scroller's first pixels
  const head = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const top = box.top + scroller.clientTop + head;
  const bottom = box.top + scroller.clientTop + scroller.clientHeight;
  if (r.top < top) scroller.scrollTop -= top - r.top;
  else if (r.bottom > bottom) scroller.scrollTop += Math.min(r.bottom - bottom, r.top - top);
}
