// Work for when the page is idle (requestIdleCallback, with a deadline), so it never lands on a
// tap's frame. Where the page has no idle callbacks (the unit tests' DOM) it runs on a timer.

const DEADLINE_MS = 2_000;
/** How long after the last touch or key the page counts as quiet: a customer tapping through a screen taps again within it. */
const QUIET_AFTER_INPUT_MS = 1_000;

/** Runs `job` once the page is idle (or after `deadline` ms at most); returns what cancels it. */
export function onIdle(job: () => void, deadline = DEADLINE_MS): () => void {
  if (typeof requestIdleCallback === 'function') {
    const idle = requestIdleCallback(() => job(), { timeout: deadline });
    return () => cancelIdleCallback(idle);
  }
  const timer = setTimeout(job, 1);
  return () => clearTimeout(timer);
}

/** Resolves once the page is idle (or after `deadline` ms at most). */
export const whenIdle = (deadline = DEADLINE_MS): Promise<void> => new Promise((resolve) => onIdle(resolve, deadline));

let lastInputAt = Number.NEGATIVE_INFINITY;
let listening = false;
const sinceInput = (): number => performance.now() - lastInputAt;

/**
 * Resolves once the page is idle and nobody has touched it for a moment: for work that cannot be
 * split and would hold up a tap that comes in while it runs (drawing a picture: 15–25 ms at 4×
 * CPU). Between customers, and while one reads, that is at once.
 */
export async function whenQuiet(): Promise<void> {
  if (!listening) {
    listening = true;
    const onInput = () => {
      lastInputAt = performance.now();
    };
    for (const type of ['pointerdown', 'keydown'] as const) window.addEventListener(type, onInput, { capture: true, passive: true });
  }
  for (;;) {
    const wait = QUIET_AFTER_INPUT_MS - sinceInput();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await whenIdle();
    // A touch while waiting for the idle moment starts the wait again.
    if (sinceInput() >= QUIET_AFTER_INPUT_MS) return;
  }
}
