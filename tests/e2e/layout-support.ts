// Measurements of the page's layout in Chromium: what of an element is visible (its box clipped
// by every scrolling ancestor and the viewport), and banners drawn over buttons.
import type { Page } from 'playwright-core';

/** The banners and notices that appear over a screen while the customer orders. */
export const BANNERS = '.help-banner, .help-offer, .added-notice, .suggestion';
const BUTTONS = 'button, a[href], label.choice, [role="button"], input:not([type="hidden"]), select';

/**
 * Every pair of a shown banner and a button (outside that banner) whose visible parts overlap:
 * a banner covering a control. A control scrolled out of its container is out of sight, not covered.
 */
export function bannersOverButtons(page: Page): Promise<{ banners: number; overlaps: string[] }> {
  return page.evaluate(
    ({ banners, buttons }) => {
      const visiblePart = (element: Element) => {
        const box = element.getBoundingClientRect();
        let rect = { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
          const clip = parent.getBoundingClientRect();
          rect = { top: Math.max(rect.top, clip.top), bottom: Math.min(rect.bottom, clip.bottom), left: Math.max(rect.left, clip.left), right: Math.min(rect.right, clip.right) };
        }
        rect = { top: Math.max(rect.top, 0), bottom: Math.min(rect.bottom, window.innerHeight), left: Math.max(rect.left, 0), right: Math.min(rect.right, window.innerWidth) };
        return rect.bottom > rect.top && rect.right > rect.left ? rect : null;
      };
      // Laid out but not drawn (the menu behind the customiser: its contents skipped) is not shown either.
      const shown = (element: Element) => element.getClientRects().length > 0 && element.checkVisibility({ visibilityProperty: true }) && !element.closest('.visually-hidden, dialog');
      const name = (element: Element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}"`;
      const bannerList = [...document.querySelectorAll(banners)].filter(shown);
      const overlaps: string[] = [];
      for (const banner of bannerList) {
        const area = visiblePart(banner);
        if (!area) continue;
        for (const button of document.querySelectorAll(buttons)) {
          if (!shown(button) || banner.contains(button) || button.contains(banner)) continue;
          const part = visiblePart(button);
          if (!part) continue;
          const overlapX = Math.min(area.right, part.right) - Math.max(area.left, part.left);
          const overlapY = Math.min(area.bottom, part.bottom) - Math.max(area.top, part.top);
          if (overlapX > 0.5 && overlapY > 0.5) overlaps.push(`${name(banner)} covers ${name(button)}`);
        }
      }
      return { banners: bannerList.length, overlaps };
    },
    { banners: BANNERS, buttons: BUTTONS },
  );
}

/**
 * What a customer could not read or reach although nothing hides it on purpose: a control whose
 * text spills out of its own box (squeezed by its parent), content above the top of the area that
 * scrolls it (scrolling never reaches there), and the action bar's buttons below the screen.
 */
export function spilledOrUnreachable(page: Page): Promise<string[]> {
  return page.evaluate((buttons) => {
    const problems: string[] = [];
    const name = (element: Element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}"`;
    const shown = (element: Element) => element.getClientRects().length > 0 && element.checkVisibility({ visibilityProperty: true }) && !element.closest('.visually-hidden, svg');
    for (const control of document.querySelectorAll<HTMLElement>(buttons)) {
      if (!shown(control) || control.tagName === 'INPUT' || control.tagName === 'SELECT') continue;
      // A glyph's own height may pass its line (a large "−" in a button sized by line height): not a spill.
      const slack = 0.3 * parseFloat(getComputedStyle(control).fontSize) + 2;
      if (control.scrollHeight > control.clientHeight + slack || control.scrollWidth > control.clientWidth + slack) problems.push(`${name(control)} spills out of its box (${control.scrollWidth}×${control.scrollHeight} in ${control.clientWidth}×${control.clientHeight})`);
    }
    for (const element of document.querySelectorAll<HTMLElement>('main *, .header *')) {
      if (!shown(element) || element.children.length > 0) continue;
      let scroller: HTMLElement | null = element.parentElement;
      while (scroller && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
      const top = scroller ? scroller.getBoundingClientRect().top - scroller.scrollTop : -window.scrollY;
      if (element.getBoundingClientRect().top < top - 1) problems.push(`${name(element)} lies above the top of what scrolls it`);
    }
    for (const button of document.querySelectorAll<HTMLElement>('.action-bar button')) {
      if (shown(button) && button.getBoundingClientRect().bottom > window.innerHeight + 1) problems.push(`${name(button)} is below the bottom of the screen`);
    }
    return problems;
  }, BUTTONS);
}
