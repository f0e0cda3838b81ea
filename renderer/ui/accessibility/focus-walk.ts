// Moving through a screen with a navigation keypad: up and down go to the previous and next
// control, left and right to the previous and next group of controls (header, categories,
// a choice group, the footer). The scope is the open modal dialog, else the page. Every choice
// of a radio group is a stop of its own (Tab would skip the unchecked ones).

const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';
const GROUPS = 'dialog, header, nav, fieldset, [role="group"], [role="radiogroup"], section, footer, .actions';

function isShown(element: HTMLElement): boolean {
  if (element.closest('[hidden], [inert], [aria-hidden="true"]')) return false;
  return element.getClientRects().length > 0;
}

/** Where keypad navigation happens: the topmost open modal dialog, else the whole page. */
export function navigationScope(document: Document): ParentNode {
  const dialogs = [...document.querySelectorAll('dialog[open]')];
  return dialogs[dialogs.length - 1] ?? document;
}

/** The controls of the scope a keypad can reach, in reading order. */
export function keypadStops(scope: ParentNode): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(CONTROLS)].filter((element) => !element.matches(':disabled') && isShown(element));
}

const groupOf = (element: Element): Element | null => element.parentElement?.closest(GROUPS) ?? null;

/** The stop after (or before) the current element in reading order; wraps around at the ends. */
export function nextStop(scope: ParentNode, current: Element | null, direction: 1 | -1): HTMLElement | undefined {
  const stops = keypadStops(scope);
  if (stops.length === 0) return undefined;
  if (!current || !(scope as Node).contains(current)) return direction === 1 ? stops[0] : stops[stops.length - 1];
  const index = stops.indexOf(current as HTMLElement);
  if (index >= 0) return stops[(index + direction + stops.length) % stops.length];
  // Focus is on something that is not a stop (a heading): the first stop after it, or the last before it.
  const after = stops.findIndex((stop) => current.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (direction === 1) return stops[after < 0 ? 0 : after];
  const before = after < 0 ? stops.length - 1 : after - 1;
  return stops[(before + stops.length) % stops.length];
}

/** The first stop of the next (or previous) group of controls. */
export function nextGroupStop(scope: ParentNode, current: Element | null, direction: 1 | -1): HTMLElement | undefined {
  const stops = keypadStops(scope);
  if (stops.length === 0) return undefined;
  const starts = stops.filter((stop, index) => index === 0 || groupOf(stop) !== groupOf(stops[index - 1]!));
  const currentIndex = current ? stops.indexOf(current as HTMLElement) : -1;
  if (currentIndex < 0) return nextStop(scope, current, direction);
  const currentStart = [...starts].reverse().find((start) => stops.indexOf(start) <= currentIndex)!;
  const startIndex = starts.indexOf(currentStart);
  return starts[(startIndex + direction + starts.length) % starts.length];
}
