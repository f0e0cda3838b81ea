// Work that must not hold up the frame a tap paints (the draft's IndexedDB write): run after the
// next paint, in the order it was asked for. Where there is no frame to wait for (a hidden page,
// unit tests in Node) it runs on the next task; when the page is being left it runs at once.
const queue: (() => void)[] = [];
let scheduled = false;

function runQueued(): void {
  scheduled = false;
  for (const job of queue.splice(0)) job();
}

export function afterNextPaint(job: () => void): void {
  queue.push(job);
  if (scheduled) return;
  scheduled = true;
  const visible = typeof document !== 'undefined' && document.visibilityState === 'visible';
  if (visible && typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(runQueued, 0));
  else setTimeout(runQueued, 0);
}

if (typeof addEventListener === 'function') addEventListener('pagehide', runQueued);
