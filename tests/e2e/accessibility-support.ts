// Helpers for the accessibility end-to-end tests: what the host's speech service was asked to
// say (its `speech_said` log events on the host process's output, COUNTERPART_LOG_LEVEL=debug),
// keypad presses that wait for the answer, and measurements in the page (target sizes, the reach
// band, clipped text, overlapping controls, axe with the AAA contrast rule).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeViolation, Kiosk } from '../support/kiosk';

const require = createRequire(import.meta.url);

/** Every utterance the host was asked to say so far, oldest first. */
export function spoken(kiosk: Kiosk): string[] {
  const said: string[] = [];
  for (const line of kiosk.host.output().split('\n')) {
    if (!line.includes('"speech_said"')) continue;
    try {
      const event = JSON.parse(line) as { event?: string; text?: string };
      if (event.event === 'speech_said' && typeof event.text === 'string') said.push(event.text);
    } catch {
      // not a log line of ours
    }
  }
  return said;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the host has been asked to say something new that matches; returns it. */
export async function heard(kiosk: Kiosk, after: number, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = spoken(kiosk).slice(after).find((text) => pattern.test(text));
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`not heard: ${pattern}\nsaid since: ${JSON.stringify(spoken(kiosk).slice(after), null, 1)}`);
    await pause(50);
  }
}

/** Presses a keypad key and returns the first thing said after it that matches (default: anything). */
export async function press(kiosk: Kiosk, key: string, pattern: RegExp = /./): Promise<string> {
  const before = spoken(kiosk).length;
  await kiosk.page.keyboard.press(key);
  return heard(kiosk, before, pattern);
}

/** Presses down (or another key) until the control spoken matches, as a customer listening would. */
export async function moveTo(kiosk: Kiosk, pattern: RegExp, key = 'ArrowDown', maxPresses = 80): Promise<string> {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    const said = await press(kiosk, key);
    if (pattern.test(said)) return said;
  }
  throw new Error(`${pattern} not reached with ${maxPresses} presses of ${key}`);
}

/** axe with the AAA contrast rule (7:1) switched on, for high-contrast mode. */
export async function runAxeWithEnhancedContrast(page: Page): Promise<AxeViolation[]> {
  const alreadyLoaded = await page.evaluate(() => 'axe' in window);
  if (!alreadyLoaded) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast-enhanced': { enabled: true } } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
}

const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, textarea, label.choice, [role="button"]';

/** Controls smaller than 44 × 44 CSS px (a checkbox counts by its label, which is its target). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const shown = (element: Element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden');
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => shown(element) && !(element instanceof HTMLInputElement && element.closest('label.choice')))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ element, box }) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  }, CONTROLS);
}

/**
 * Controls whose visible part lies outside [top, bottom] (CSS px from the top of the viewport).
 * The visible part is the control's box clipped by every scrolling ancestor and the viewport:
 * a control scrolled out of its container is out of sight, not out of reach.
 */
export function controlsOutsideBand(page: Page, band: { top: number; bottom: number }): Promise<string[]> {
  return page.evaluate(
    ({ selector, top, bottom }) => {
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
      return [...document.querySelectorAll(selector)]
        .filter((element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden'))
        .map((element) => ({ element, part: visiblePart(element) }))
        .filter(({ part }) => part !== null && (part.top < top - 0.5 || part.bottom > bottom + 0.5))
        .map(({ element, part }) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}" ${Math.round(part!.top)}–${Math.round(part!.bottom)}`);
    },
    { selector: CONTROLS, ...band },
  );
}

/** Elements whose text is cut off: content wider or taller than a box that hides its overflow, or beyond the page's width. */
export function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.getClientRects().length === 0 || !element.checkVisibility({ visibilityProperty: true }) || element.closest('.visually-hidden, svg')) continue;
      const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!hasText) continue;
      const style = getComputedStyle(element);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if ((hidesX && element.scrollWidth > element.clientWidth + 1) || (hidesY && element.scrollHeight > element.clientHeight + 1)) {
        problems.push(`${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}" clipped`);
      }
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 || box.left < -1) problems.push(`${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 40)}" leaves the screen (${Math.round(box.left)}–${Math.round(box.right)})`);
    }
    return problems;
  });
}

/**
 * Pairs of controls whose visible parts overlap (one inside the other, like a checkbox in its
 * label, is not an overlap). The visible part is the box clipped by every scrolling ancestor and
 * the viewport: a control scrolled out of its container is out of sight, not under another.
 */
export function overlappingControls(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const visiblePart = (element: Element) => {
      const box = element.getBoundingClientRect();
      let rect = { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        rect = { top: Math.max(rect.top, clip.top), bottom: Math.min(rect.bottom, clip.bottom), left: Math.max(rect.left, clip.left), right: Math.min(rect.right, clip.right) };
      }
      return rect;
    };
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.getClientRects().length > 0 && element.checkVisibility({ visibilityProperty: true }) && !element.closest('.visually-hidden'));
    // Only what is in the same layer: the open modal dialog, else the page.
    const dialogs = [...document.querySelectorAll('dialog[open]')];
    const layer = dialogs[dialogs.length - 1];
    const inLayer = controls.filter((element) => (layer ? layer.contains(element) : !element.closest('dialog')));
    const name = (element: Element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30)}"`;
    const overlaps: string[] = [];
    for (let i = 0; i < inLayer.length; i += 1) {
      for (let j = i + 1; j < inLayer.length; j += 1) {
        const a = inLayer[i]!;
        const b = inLayer[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const ra = visiblePart(a);
        const rb = visiblePart(b);
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (overlapX > 1 && overlapY > 1) overlaps.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    return overlaps;
  }, CONTROLS);
}
