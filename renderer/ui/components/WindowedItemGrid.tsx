// A grid of menu cards that renders only the rows on screen (and a few around them), so a
// category of 10,000 items opens as fast as one of 10. The columns are whatever the stylesheet's
// CSS grid makes of the list's width (read from its computed grid-template-columns), the rows are
// measured as they render, and the rows off screen are stood in for by the list's padding. It
// scrolls with its nearest scrolling ancestor, or the page. Short lists are rendered whole.
//
// Nothing is read from the layout while React commits: a read there forces Chromium to lay out the
// half-built screen inside the tap's task (at 4× CPU, 20–40 ms of each menu screen's commit).
// The grid starts from what the last grid found (same screen, same text size) and checks it with
// ResizeObservers, which report after the frame's own layout, when reading it costs nothing.
// The caller gives each grid a scroller of its own (a new element, at the top): the grid does not
// scroll it there at mount. Scrolled with the page (text at 200 %), the library's defaults apply.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { elementScroll, useVirtualizer, useWindowVirtualizer, type Rect, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { onIdle } from '../../state/when-idle';

export interface WindowedItemGridProps<T> {
  items: readonly T[];
  /** Renders one item as the grid's <li>, with its key. */
  renderItem(item: T): ReactNode;
  /** The list's class: its CSS grid sets the columns. */
  className: string;
  /** Lists shorter than this are rendered whole (a screen or two of cards). */
  windowFrom?: number;
  /** The list's length once whole, when only its start is given for now: it decides whether the grid is windowed. */
  wholeLength?: number;
  /** A first guess of a row's height (px), until rows are measured. */
  estimatedRowHeight?: number;
}

const WINDOW_FROM = 40;
/**
 * Rows rendered beyond each edge of the screen: a fast scroll or a focus move finds them ready.
 * They follow once the rows on screen have painted and the page is idle (a second at most), so
 * neither the tap's frame nor the next tap waits for them.
 */
const OVERSCAN_ROWS = 2;
const OVERSCAN_AFTER_MS = 1_000;

export function WindowedItemGrid<T>(props: WindowedItemGridProps<T>) {
  if ((props.wholeLength ?? props.items.length) < (props.windowFrom ?? WINDOW_FROM)) return <ul className={props.className}>{props.items.map((item) => props.renderItem(item))}</ul>;
  return <MeasuredGrid {...props} />;
}

interface Layout {
  /** Where the list scrolls: that many ancestors up from it, or null for the page. */
  scrollerDepth: number | null;
  columns: number;
  rowGap: number;
  /** The list's top, from the top of what scrolls. */
  offset: number;
}

const sameLayout = (a: Layout, b: Layout) => a.scrollerDepth === b.scrollerDepth && a.columns === b.columns && a.rowGap === b.rowGap && a.offset === b.offset;

function ancestorAt(element: HTMLElement, depth: number): HTMLElement | null {
  let found: HTMLElement | null = element;
  for (let step = 0; step < depth && found; step++) found = found.parentElement;
  return found;
}

function scrollerDepthOf(element: HTMLElement): number | null {
  let depth = 1;
  for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement, depth++) {
    const { overflowY } = getComputedStyle(parent);
    if (overflowY === 'auto' || overflowY === 'scroll') return depth;
  }
  return null;
}

function measureLayout(list: HTMLUListElement): Layout {
  const style = getComputedStyle(list);
  const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter((track) => track !== '' && track !== 'none').length);
  const rowGap = Number.parseFloat(style.rowGap) || 0;
  const scrollerDepth = scrollerDepthOf(list);
  const scroller = scrollerDepth === null ? null : ancestorAt(list, scrollerDepth);
  const top = list.getBoundingClientRect().top;
  const offset = scroller ? top - scroller.getBoundingClientRect().top + scroller.scrollTop : top + window.scrollY;
  return { scrollerDepth, columns, rowGap, offset };
}

/**
 * What the last grid found. The next category's grid, or the menu's after the customiser, sits in
 * the same place with the same columns, rows and scroller size while the text size and modes
 * (classes on the root element) are the same, so it renders its rows at once from these.
 */
interface Remembered {
  modes: string;
  layout: Layout;
  rowHeight?: number;
  scrollerRect?: Rect;
}
let remembered: Remembered | null = null;
const currentModes = () => document.documentElement.className;
const rememberedFor = (modes: string): Remembered | null => (remembered?.modes === modes ? remembered : null);
function remember(update: Partial<Remembered>): void {
  const modes = currentModes();
  if (update.layout) remembered = { ...rememberedFor(modes), ...update, modes, layout: update.layout };
  else if (remembered?.modes === modes) remembered = { ...remembered, ...update };
}

/** Lays out a first window (once, the first time), then knows its scroller and columns and renders the rows in view. */
function MeasuredGrid<T>(props: WindowedItemGridProps<T>) {
  const [layout, setLayout] = useState<Layout | null>(() => rememberedFor(currentModes())?.layout ?? null);
  const first = useRef<HTMLUListElement>(null);
  const [overscan, setOverscan] = useState(0);
  useEffect(() => onIdle(() => setOverscan(OVERSCAN_ROWS), OVERSCAN_AFTER_MS), []);

  useLayoutEffect(() => {
    // Nothing to start from: measured before the first paint (an empty grid already has its columns).
    if (layout || !first.current) return;
    const measured = measureLayout(first.current);
    remember({ layout: measured });
    setLayout(measured);
  }, [layout]);

  if (!layout) return <ul ref={first} className={props.className} />;
  const onLayout = (next: Layout) => setLayout((before) => (before && sameLayout(before, next) ? before : next));
  return layout.scrollerDepth === null ? (
    <PageScrolledRows {...props} layout={layout} overscan={overscan} onLayout={onLayout} />
  ) : (
    <ElementScrolledRows {...props} layout={layout} overscan={overscan} onLayout={onLayout} scrollerDepth={layout.scrollerDepth} />
  );
}

interface RowsProps<T> extends WindowedItemGridProps<T> {
  layout: Layout;
  overscan: number;
  /** What the list's observer measured once laid out. */
  onLayout(layout: Layout): void;
}

function PageScrolledRows<T>(props: RowsProps<T>) {
  const list = useRef<HTMLUListElement>(null);
  const rows = useWindowVirtualizer({ ...rowOptions(props) });
  return <Rows {...props} list={list} rows={rows} />;
}

function ElementScrolledRows<T>(props: RowsProps<T> & { scrollerDepth: number }) {
  const list = useRef<HTMLUListElement>(null);
  const { scrollerDepth } = props;
  const scrollerRect = rememberedFor(currentModes())?.scrollerRect;
  const wrote = useRef(false);
  // The virtualizer re-renders this component when the window moves; nothing memoized holds its values.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    ...rowOptions(props),
    getScrollElement: () => (list.current ? ancestorAt(list.current, scrollerDepth) : null),
    observeElementRect: observeFromRemembered(scrollerRect),
    // The grid's scroller is new with it (keyed by category), at the top already: the library's
    // first write, to the top, would only force layout in the commit.
    scrollToFn: (offset, options, instance) => {
      const first = !wrote.current;
      wrote.current = true;
      if (first && offset === 0 && !options.adjustments) return;
      elementScroll(offset, options, instance);
    },
    ...(scrollerRect ? { initialRect: scrollerRect } : {}),
  });
  return <Rows {...props} list={list} rows={rows} />;
}

/**
 * The scroller's size as the last grid measured it, at once (read now only the first time), then
 * as its ResizeObserver reports it after layout (the library's own reads it in every commit that mounts it).
 */
const observeFromRemembered =
  (rect: Rect | undefined) =>
  (instance: Virtualizer<HTMLElement, Element>, report: (rect: Rect) => void): (() => void) | undefined => {
    const scroller = instance.scrollElement;
    if (!scroller) return undefined;
    const measure = () => {
      const measured = { width: scroller.clientWidth, height: scroller.clientHeight };
      remember({ scrollerRect: measured });
      report(measured);
    };
    if (rect) report(rect);
    else measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  };

const rowOptions = <T,>({ items, layout, overscan, estimatedRowHeight }: RowsProps<T>) => ({
  count: Math.ceil(items.length / layout.columns),
  estimateSize: () => rememberedFor(currentModes())?.rowHeight ?? (estimatedRowHeight ?? 240) + layout.rowGap,
  overscan,
  scrollMargin: layout.offset,
});

/** What the rows need of either virtualizer (page or element scrolled). */
interface RowWindow {
  getVirtualItems(): VirtualItem[];
  getTotalSize(): number;
  resizeItem(index: number, size: number): void;
}

function Rows<T>({ items, renderItem, className, layout, onLayout, list, rows }: RowsProps<T> & { list: RefObject<HTMLUListElement | null>; rows: RowWindow }) {
  const shown = rows.getVirtualItems();
  const first = shown[0];
  const last = shown.at(-1);
  const { columns } = layout;
  // What the observers read: the last commit's rows and layout.
  const current = useRef({ shown, layout });
  const cardObserver = useRef<ResizeObserver | null>(null);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    // After layout: the list's place, columns and scroller (a new text size, a turned screen).
    const listObserver = new ResizeObserver(() => {
      if (!element.isConnected) return;
      const measured = measureLayout(element);
      remember({ layout: measured });
      if (!sameLayout(measured, current.current.layout)) onLayout(measured);
    });
    listObserver.observe(element);
    // Each row shown is measured as laid out (a CSS grid row is as tall as its tallest card).
    const cards = new ResizeObserver(() => {
      const { shown: rowsShown, layout: now } = current.current;
      const start = rowsShown[0];
      if (!element.isConnected || !start) return;
      for (const row of rowsShown) {
        const card = element.children[(row.index - start.index) * now.columns] as HTMLElement | undefined;
        if (!card) continue;
        const height = card.offsetHeight + now.rowGap;
        remember({ rowHeight: height });
        rows.resizeItem(row.index, height);
      }
    });
    cardObserver.current = cards;
    return () => {
      listObserver.disconnect();
      cards.disconnect();
    };
    // The observers live as long as the list; they read the latest render through `current`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Watching a card reads nothing now; its size is reported after the frame's layout.
  useLayoutEffect(() => {
    current.current = { shown, layout };
    const element = list.current;
    const cards = cardObserver.current;
    if (!cards || !element || !first) return;
    cards.disconnect();
    for (const row of shown) {
      const card = element.children[(row.index - first.index) * columns];
      if (card) cards.observe(card);
    }
  });

  const start = first ? first.index * columns : 0;
  const end = last ? Math.min(items.length, (last.index + 1) * columns) : 0;
  const paddingTop = first ? first.start - layout.offset : 0;
  const paddingBottom = last ? Math.max(0, rows.getTotalSize() - (last.end - layout.offset)) : 0;
  return (
    <ul ref={list} className={className} style={{ paddingTop, paddingBottom }}>
      {items.slice(start, end).map((item) => renderItem(item))}
    </ul>
  );
}
