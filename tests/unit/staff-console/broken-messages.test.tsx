// One bad publisher never blanks the console: a message that does not match its schema is listed
// as broken with its topic and reason, changes nothing else, and leaves when a good one arrives.
// A panel that throws while rendering shows as broken; the other panels keep working.
// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { PanelBoundary } from '../../../staff-console/components/PanelBoundary';
import { consoleReducer, emptyConsoleState, type ConsoleState } from '../../../staff-console/console-state';

const topics = storeTopics('berlin-1');
const receive = (state: ConsoleState, topic: string, payload: string) => consoleReducer(state, { type: 'message', topic, payload });
const status = (kioskId: string) => JSON.stringify({ state: 'online', kioskId, at: '2026-12-02T10:00:00.000Z', devices: { printer: 'ok', terminal: 'ok' }, menuVersion: '1' });

describe('broken store-bus messages in the staff console', () => {
  it('are listed with topic and reason, applied never, and cleared by the next good message', () => {
    let state = receive(emptyConsoleState, topics.kioskStatus('A'), status('A'));
    const kiosksBefore = state.kiosks;
    state = receive(state, topics.availability, JSON.stringify({ soldOut: 'fries', at: 'yesterday' }));
    state = receive(state, topics.kioskStatus('B'), '{"kioskId": ');
    expect(state.kiosks).toBe(kiosksBefore);
    expect(state.availability).toBeNull();
    expect(state.broken[topics.availability]?.reason).toMatch(/^\$\.soldOut: /);
    expect(state.broken[topics.kioskStatus('B')]).toEqual({ topic: topics.kioskStatus('B'), reason: 'not JSON' });

    state = receive(state, topics.kioskStatus('B'), status('B'));
    expect(Object.keys(state.kiosks).sort()).toEqual(['A', 'B']);
    expect(Object.keys(state.broken)).toEqual([topics.availability]);
  });

  it('with a key like "constructor" or "__proto__" change nothing they should not', () => {
    const state = receive(emptyConsoleState, topics.kioskStatus('constructor'), '');
    expect(state.kiosks).toEqual({});
    const polluted = receive(emptyConsoleState, topics.kioskStatus('__proto__'), status('__proto__'));
    expect(({} as Record<string, unknown>).online).toBeUndefined();
    expect(Object.getPrototypeOf(polluted.kiosks)).toBe(Object.prototype);
  });

  it('a panel that throws while rendering shows as broken, its neighbours stay, and it comes back with new data', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const container = document.createElement('div');
    const root = createRoot(container);
    const Fragile = ({ value }: { value: string }) => {
      if (value === 'bad') throw new Error('cannot format');
      return <p>{value}</p>;
    };
    const render = (value: string) =>
      act(() =>
        root.render(
          <main>
            <PanelBoundary resetKey={value}>
              <Fragile value={value} />
            </PanelBoundary>
            <PanelBoundary resetKey="other">
              <p>Kiosks</p>
            </PanelBoundary>
          </main>,
        ),
      );
    const quiet = console.error;
    console.error = () => undefined; // React reports the caught error; it is expected here
    try {
      await render('bad');
      expect(container.querySelector('[role="alert"]')?.textContent).toContain('cannot be shown');
      expect(container.textContent).toContain('Kiosks');
      await render('good');
      expect(container.querySelector('[role="alert"]')).toBeNull();
      expect(container.textContent).toContain('good');
    } finally {
      console.error = quiet;
      await act(() => root.unmount());
    }
  });
});
