// A grid of menu cards that renders only the rows on screen (and a few around them), so a
// category of 10,000 items opens as fast as one of 10. The columns are whatever the stylesheet's
// CSS grid makes of the list's width (read from its computed grid-template-columns), the rows are
// measured as they render, and the rows off screen are stood in for by the list's padding. It
// scrolls with its nearest scrolling ancestor, or the page. Short lists are rendered whole.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer, useWindowVirtualizer, type VirtualItem } from '@tanstack/react-virtual';

export interface WindowedItemGridProps<T> {
  items: readonly T[];
  /** Renders one item as the grid's <li>, with its key. */
  renderItem(item: T): ReactNode;
  /** The list's class: its CSS grid sets the columns. */
  className: string;
  /** Lists shorter than this are rendered whole (a screen or two of cards). */
  windowFrom?: number;
  /** A first guess of a row's height (px), until rows are measured. */
  estimatedRowHeight?: number;
}

const WINDOW_FROM = 40;
/** Rows rendered beyond each edge of the screen: a fast scroll or a focus move finds them ready. */
const OVERSCAN_ROWS = 2;

export function WindowedItemGrid<T>(props: WindowedItemGridProps<T>) {
  if (props.items.length < (props.windowFrom ?? WINDOW_FROM)) return <ul className={props.className}>{props.items.map((item) => props.renderItem(item))}</ul>;
  return <MeasuredGrid {...props} />;
}

interface Layout {
  scroller: HTMLElement | Window;
  columns: number;
  rowGap: number;
  /** The list's top, from the top of what scrolls. */
  offset: number;
}

function scrollParentOf(element: HTMLElement): HTMLElement | Window {
  for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
    const { overflowY } = getComputedStyle(parent);
    if (overflowY === 'auto' || overflowY === 'scroll') return parent;
  }
  return window;
}

function measureLayout(list: HTMLUListElement, scroller: HTMLElement | Window): Layout {
  const style = getComputedStyle(list);
  const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter((track) => track !== '' && track !== 'none').length);
  const rowGap = Number.parseFloat(style.rowGap) || 0;
  const top = list.getBoundingClientRect().top;
  const offset = scroller instanceof Window ? top + window.scrollY : top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  return { scroller, columns, rowGap, offset };
}

/**
 * The last grid's layout and row height: the next category's grid sits in the same place with the
 * same columns, so it renders its rows at once instead of an empty list to measure first (checked
 * again once laid out, and corrected if the text size or the screen changed it).
 */
let lastLayout: Layout | null = null;
let lastRowHeight: number | undefined;
const stillValid = (layout: Layout | null): Layout | null => (layout && (layout.scroller instanceof Window || layout.scroller.isConnected) ? layout : null);

/** Lays out a first window, then knows its scroller and columns and renders the rows in view. */
function MeasuredGrid<T>(props: WindowedItemGridProps<T>) {
  // The list element itself (a callback ref): the first window and the rows render different <ul>s.
  const [list, listRef] = useState<HTMLUListElement | null>(null);
  const [layout, setLayout] = useState<Layout | null>(() => stillValid(lastLayout));
  const startedWithLayout = useRef(layout !== null);

  useLayoutEffect(() => {
    if (!list) return;
    const update = () =>
      setLayout((before) => {
        if (!list.isConnected) return before;
        const next = measureLayout(list, before?.scroller ?? scrollParentOf(list));
        const same = before && before.columns === next.columns && before.rowGap === next.rowGap && before.offset === next.offset && before.scroller === next.scroller;
        lastLayout = same ? before : next;
        return lastLayout;
      });
    // With the last grid's layout the rows are already rendered: the observer's first report checks it, after layout.
    if (!startedWithLayout.current) update();
    const observer = new ResizeObserver(update);
    observer.observe(list);
    return () => observer.disconnect();
  }, [list]);

  if (!layout) {
    // Measured before the first paint (a layout effect): an empty grid already has its columns.
    return <ul ref={listRef} className={props.className} />;
  }
  return layout.scroller instanceof Window ? (
    <PageScrolledRows {...props} layout={layout} list={list} listRef={listRef} />
  ) : (
    <ElementScrolledRows {...props} layout={layout} list={list} listRef={listRef} scroller={layout.scroller} />
  );
}

interface RowsProps<T> extends WindowedItemGridProps<T> {
  layout: Layout;
  list: HTMLUListElement | null;
  listRef: (element: HTMLUListElement | null) => void;
}

function PageScrolledRows<T>(props: RowsProps<T>) {
  const rows = useWindowVirtualizer({ ...rowOptions(props) });
  return <Rows {...props} rows={rows} />;
}

function ElementScrolledRows<T>(props: RowsProps<T> & { scroller: HTMLElement }) {
  const { scroller } = props;
  // The virtualizer re-renders this component when the window moves; nothing memoized holds its values.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ ...rowOptions(props), getScrollElement: () => scroller });
  return <Rows {...props} rows={rows} />;
}

const rowOptions = <T,>({ items, layout, estimatedRowHeight }: RowsProps<T>) => ({
  count: Math.ceil(items.length / layout.columns),
  estimateSize: () => lastRowHeight ?? (estimatedRowHeight ?? 240) + layout.rowGap,
  overscan: OVERSCAN_ROWS,
  scrollMargin: layout.offset,
});

/** What the rows need of either virtualizer (page or element scrolled). */
interface RowWindow {
  getVirtualItems(): VirtualItem[];
  getTotalSize(): number;
  resizeItem(index: number, size: number): void;
}

function Rows<T>({ items, renderItem, className, layout, list, listRef, rows }: RowsProps<T> & { rows: RowWindow }) {
  const shown = rows.getVirtualItems();
  const first = shown[0];
  const last = shown.at(-1);
  const { columns } = layout;

  // Each row shown is measured as laid out (a CSS grid row is as tall as its tallest card).
  useLayoutEffect(() => {
    if (!list?.isConnected || !first) return;
    const cards = list.children;
    for (const row of shown) {
      const card = cards[(row.index - first.index) * columns] as HTMLElement | undefined;
      if (!card) continue;
      lastRowHeight = card.offsetHeight + layout.rowGap;
      rows.resizeItem(row.index, lastRowHeight);
    }
  });

  const start = first ? first.index * columns : 0;
  const end = last ? Math.min(items.length, (last.index + 1) * columns) : 0;
  const paddingTop = first ? first.start - layout.offset : 0;
  const paddingBottom = last ? Math.max(0, rows.getTotalSize() - (last.end - layout.offset)) : 0;
  return (
    <ul ref={listRef} className={className} style={{ paddingTop, paddingBottom }}>
      {items.slice(start, end).map((item) => renderItem(item))}
    </ul>
  );
}
