// @vitest-environment jsdom
// Data that slipped past every check (here: a tax class the store does not define) makes
// the review screen throw while rendering. The kiosk does not go blank: it says "One
// moment…", retries by itself, then steps back (the review to the menu) with every line kept; and a
// screen whose data is fixed comes back on its own.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Menu } from '../../../common/menu/schema';
import { StoreProvider } from '../../../renderer/state/StoreProvider';
import type { KioskStore } from '../../../renderer/state/store';
import { App } from '../../../renderer/ui/App';
import { ErrorBoundary } from '../../../renderer/ui/components/ScreenErrorBoundary';
import { preloadKioskParts } from '../../../renderer/ui/lazy-parts';
import { kioskStoreOn, testMenu } from '../renderer/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has <dialog> without its modal methods (the inactivity prompt uses them).
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const render = (node: React.ReactNode) => act(() => root.render(node));
const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));
/** The error boundary's status (other live regions, such as the "added" notice, may be on screen too). */
const statusText = () => [...container.querySelectorAll('[role="status"]')].map((status) => status.textContent).find((text) => text === 'One moment…') ?? null;

const kioskWith = (menu: Menu): KioskStore => kioskStoreOn(menu);

describe('error boundaries keep the kiosk on screen', () => {
  // The screens are chunks the kiosk preloads while the attract screen waits; here, before the test.
  beforeAll(() => preloadKioskParts());

  it('a review screen that throws on bad data retries, then steps back to the menu with the order kept', async () => {
    const hostileMenu: Menu = { ...testMenu, items: testMenu.items.map((item) => (item.id === 'shake' ? { ...item, taxClass: 'constructor' } : item)) };
    const store = kioskWith(hostileMenu);
    await act(() => store.getState().loadStartup());
    act(() => {
      store.getState().start();
      store.getState().chooseServiceMode('eat_in');
      store.getState().addLine({ kind: 'item', itemId: 'shake', removedIngredientIds: [], options: {}, quantity: 2 });
    });
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    act(() => store.getState().goTo('review'));

    expect(statusText()).toBe('One moment…');
    expect(container.textContent).not.toBe('');
    // Retried by itself (the screen still throws), then moved back to the menu.
    // (Short steps: a minute without a touch would bring up the inactivity prompt.)
    for (let step = 0; step < 8 && store.getState().screen === 'review'; step++) await advance(4_000);
    await advance(0); // the screen on show follows the state a transition later
    expect(store.getState().screen).toBe('menu');
    expect(store.getState().lines).toHaveLength(1);
    expect(store.getState().lines[0]?.selection).toMatchObject({ itemId: 'shake', quantity: 2 });
    // The menu itself is showing, with the order bar: the order kept, the way to pay in reach.
    expect(container.textContent).not.toContain('One moment…');
    expect(container.querySelector('main .order-summary')?.textContent).toMatch(/^2 items/);
  });

  it('a screen whose data is fixed while it waits comes back without anyone touching it', async () => {
    let broken = true;
    const Fragile = () => {
      if (broken) throw new Error('bad data');
      return <h1>Back again</h1>;
    };
    const gaveUp = vi.fn();
    render(
      <ErrorBoundary resetKey="review" message="One moment…" onGiveUp={gaveUp} retry={{ baseMs: 1_000, maxMs: 8_000 }}>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(statusText()).toBe('One moment…');
    broken = false;
    await advance(1_000);
    expect(container.querySelector('h1')?.textContent).toBe('Back again');
    expect(gaveUp).not.toHaveBeenCalled();
  });
});
