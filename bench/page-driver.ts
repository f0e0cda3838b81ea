// Taps for the latency suite without the test driver's own work in the page. Playwright's
// role locators compute accessible names across the whole page, and its clicks add listeners to
// check the hit target: at 4× CPU throttling both cost tens of milliseconds on the page's main
// thread, which counted as the kiosk's long tasks and lengthened its taps. Here controls are
// found by a plain DOM query (their visible text), tapped with raw input events at their centre,
// and waited for by running that query just after each frame, never inside one.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterNextPaint, cdp } from './browser';

/** What the suite taps and waits for, found by its visible text; installed before the page's scripts. */
const FINDERS = `(() => {
  const text = (element) => (element?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const startsWord = (value, prefix) => new RegExp('^' + prefix.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&') + '\\\\b').test(value);
  const all = (selector, root = document) => [...root.querySelectorAll(selector)];
  const finders = {
    button: (name) => all('button').find((button) => text(button) === name),
    heading: (name) => all('h1').find((heading) => text(heading) === name),
    // The menu in front: behind the customiser or the review it stays in the page, its contents skipped.
    categories: () => document.querySelector('main.menu-screen:not(.behind) nav.categories'),
    category: (name) => all('main.menu-screen:not(.behind) nav.categories button').find((button) => text(button) === name),
    categoryHeading: (name) => { const heading = document.querySelector('.entries:not(.stowed) h2'); return text(heading) === name ? heading : undefined; },
    entry: (name) => all('main .entries:not(.stowed) .entry-name').find((label) => text(label) === name)?.closest('button'),
    customizerHeading: (name) => all('main h1').find((heading) => text(heading).endsWith(name)),
    closedGroup: (name) => all('main .customizer-row-button[aria-expanded="false"]').find((button) => startsWord(text(button.querySelector('.customizer-row-name')), name)),
    option: (group, option) => {
      const fieldset = all('main fieldset.choice-group').find((candidate) => startsWord(text(candidate.querySelector('legend')), group));
      return fieldset && all('label', fieldset).find((label) => startsWord(text(label), option));
    },
    checkedOption: (group, option) => { const label = finders.option(group, option); return label?.querySelector('input')?.checked ? label : undefined; },
  };
  const find = (kind, args) => finders[kind](...args) ?? null;
  // Checked after each frame has been painted (a task queued from the frame's callback), the
  // first time too: a query in the frame (Playwright's polling 'raf'), or between a tap and its
  // frame, made the frame that paints the tap's answer later by the query's own time (0–3 ms at
  // 4×), counted as the kiosk's.
  const whenShown = (kind, args, timeoutMs) => new Promise((resolve) => {
    const deadline = performance.now() + timeoutMs;
    const afterNextFrame = (then) => requestAnimationFrame(() => setTimeout(then, 0));
    const check = () => {
      if (find(kind, args) !== null) resolve(true);
      else if (performance.now() > deadline) resolve(false);
      else afterNextFrame(check);
    };
    afterNextFrame(check);
  });
  Object.defineProperty(window, '__find', { value: find });
  Object.defineProperty(window, '__whenShown', { value: whenShown });
})();`;

export type Finder = 'button' | 'heading' | 'categories' | 'category' | 'categoryHeading' | 'entry' | 'customizerHeading' | 'closedGroup' | 'option' | 'checkedOption';

export async function installFinders(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: FINDERS });
}

type Found = (kind: Finder, args: string[]) => Element | null;
type WhenShown = (kind: Finder, args: string[], timeoutMs: number) => Promise<boolean>;

/** Taps the control's centre with raw mouse events (what a touch screen's tap delivers: pointer events and a click). */
export async function tap(page: Page, kind: Finder, ...args: string[]): Promise<void> {
  // A grid row may arrive a frame after its heading.
  await shows(page, kind, ...args);
  const centre = await page.evaluate(([kind, args]) => {
    const element = (window as unknown as { __find: Found }).__find(kind, args);
    if (!element) return null;
    element.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
    const box = element.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, [kind, args] as const);
  if (!centre) throw new Error(`nothing to tap: ${kind} ${args.join(' / ')}`);
  // A finger taps what is on screen: the control, scrolled into view, has been painted. Without
  // this a tap could come in the very frame its screen was put in the page, and that screen's
  // layout and paint counted as the tap's.
  await afterNextPaint(page);
  const input = await inputSession(page);
  const at = { x: centre.x, y: centre.y, button: 'left' as const, clickCount: 1 };
  await input.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at, button: 'none', buttons: 0 });
  // Press and release sent together: the page gets them back to back, as from a quick finger,
  // and the driver's round trip between them (10–30 ms at 4× on this machine, and varying) is
  // not counted as the kiosk's tap to paint.
  await Promise.all([
    input.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at, buttons: 1 }),
    input.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at, buttons: 0 }),
  ]);
}

const inputSessions = new WeakMap<Page, Promise<CDPSession>>();
const inputSession = (page: Page): Promise<CDPSession> => {
  let session = inputSessions.get(page);
  if (!session) inputSessions.set(page, (session = cdp(page)));
  return session;
};

/** Resolves once the control is in the page (checked after each frame). */
export async function shows(page: Page, kind: Finder, ...args: string[]): Promise<void> {
  const inPage = page.evaluate(([kind, args]) => (window as unknown as { __whenShown: WhenShown }).__whenShown(kind, args, 30_000), [kind, args] as const);
  // The page's own deadline needs frames; a page that stopped drawing them answers nothing.
  let stalled: NodeJS.Timeout | undefined;
  const noFrames = new Promise<boolean>((resolve) => (stalled = setTimeout(() => resolve(false), 35_000)));
  const shown = await Promise.race([inPage, noFrames]).finally(() => clearTimeout(stalled));
  if (!shown) {
    const showing = await page.evaluate(() => ({
      headings: [...document.querySelectorAll('h1, h2')].map((heading) => heading.textContent).join(' | '),
      dialogs: [...document.querySelectorAll('dialog[open]')].map((dialog) => dialog.textContent?.slice(0, 80)).join(' | '),
    }));
    throw new Error(`${kind} ${args.join(' / ')} did not show within 30 s; showing: headings ${showing.headings}; open dialogs: ${showing.dialogs || 'none'}`);
  }
}
