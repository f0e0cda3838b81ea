// Work for when the page is idle (requestIdleCallback, with a deadline), so it never lands on a
// tap's frame. Where the page has no idle callbacks (the unit tests' DOM) it runs on a timer.

const DEADLINE_MS = 2_000;

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
