import type { Page } from '@playwright/test';

/** How far the page runs past the window: zero in both directions when it fits without scrolling. */
export function overflow(page: Page): Promise<{ down: number; across: number }> {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { down: d.scrollHeight - window.innerHeight, across: d.scrollWidth - window.innerWidth };
  });
}

/**
 * The text on screen set smaller than `min` px: each visible element that holds text of its own
 * and lies (partly) in the window, with its size, so a failure names what to fix.
 */
export function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('[aria-hidden="true"], .visually-hidden, script, style')) continue;
      const r = el.getBoundingClientRect();
      if (!el.checkVisibility() || r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= window.innerHeight || r.right <= 0 || r.left >= window.innerWidth) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.push(`${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 30)}": ${size}px`);
    }
    return [...new Set(small)];
  }, min);
}

/** The buttons, fields, tabs and answer choices on the page smaller than a finger (44 px) in either direction. */
export function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input:not([type="radio"]), [role="tab"], summary, .prediction-form label')) {
      if (!el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < min - 0.5 || r.width < min - 0.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}": ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
  }, min);
}
