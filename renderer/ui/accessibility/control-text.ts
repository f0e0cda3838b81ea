// What speech mode says about the control that has focus: its name (as a screen reader would
// compute it: aria-label, aria-labelledby, its label, its text), its description
// (aria-describedby), its role where the name does not say it, its state, and its place in a
// choice group. Never the value of an input: a PIN field says only that it is one.
import type { AccessibilityMessages } from '../../../common/i18n';

const collapse = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s([,.;:!?])/g, '$1')
    .trim();

/**
 * Text of an element without the parts hidden from assistive technology. Sibling elements are
 * separate facts (a name, a price, calories) and are said with a pause between them.
 */
function visibleText(element: Element): string {
  const pieces: { text: string; element: boolean }[] = [];
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) pieces.push({ text: collapse(node.textContent), element: false });
    else if (node instanceof Element) {
      if (node.getAttribute('aria-hidden') === 'true' || node instanceof HTMLInputElement || node.hasAttribute('hidden')) continue;
      pieces.push({ text: node instanceof HTMLImageElement ? collapse(node.alt) : visibleText(node), element: true });
    }
  }
  const said = pieces.filter((piece) => piece.text !== '');
  const joined = said.map((piece, index) => (index > 0 && piece.element && said[index - 1]!.element && !/[,.;:!?]$/.test(said[index - 1]!.text) ? `, ${piece.text}` : ` ${piece.text}`)).join('');
  return collapse(joined.replace(/,(\s*,)+/g, ','));
}

const byIds = (element: Element, attribute: string): string =>
  collapse(
    (element.getAttribute(attribute) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => {
        const target = element.ownerDocument.getElementById(id);
        return target ? visibleText(target) : '';
      })
      .join('. '),
  );

export function accessibleName(element: Element): string {
  const label = collapse(element.getAttribute('aria-label'));
  if (label) return label;
  const labelledBy = byIds(element, 'aria-labelledby');
  if (labelledBy) return labelledBy;
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
    const fromLabels = collapse([...(element.labels ?? [])].map((label) => visibleText(label)).join(' '));
    if (fromLabels) return fromLabels;
    return collapse(element.getAttribute('placeholder') ?? element.getAttribute('name'));
  }
  return visibleText(element);
}

/** The choices a radio belongs to: the same name in the same form or document. */
function radioPosition(input: HTMLInputElement): { index: number; count: number } | undefined {
  if (!input.name) return undefined;
  const scope = input.form ?? input.ownerDocument;
  const group = [...scope.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((candidate) => candidate.name === input.name);
  const index = group.indexOf(input);
  return index < 0 ? undefined : { index: index + 1, count: group.length };
}

export function controlText(element: Element, words: AccessibilityMessages['speech']): string {
  const parts: string[] = [];
  const name = accessibleName(element);
  if (element instanceof HTMLInputElement && element.type === 'password') return words.passwordField(name);
  // A PIN pad's keys (staff sign-in): the group is named, never the digit, so nobody nearby hears a PIN.
  const privateKeys = element.closest('[data-private-keys]');
  if (privateKeys) return words.passwordField(collapse(privateKeys.getAttribute('aria-label')));

  parts.push(name);
  const description = byIds(element, 'aria-describedby');
  if (description) parts.push(description);

  if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
    parts.push(element.type === 'checkbox' ? words.roles.checkbox : words.roles.radio);
    parts.push(element.checked ? words.states.checked : words.states.unchecked);
    const position = element.type === 'radio' ? radioPosition(element) : undefined;
    if (position) parts.push(words.position(position.index, position.count));
  } else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    parts.push(words.roles.textbox);
  } else if (element instanceof HTMLAnchorElement) {
    parts.push(words.roles.link);
  } else {
    parts.push(words.roles.button);
    const pressed = element.getAttribute('aria-pressed');
    if (pressed === 'true') parts.push(words.states.pressed);
    if (pressed === 'false') parts.push(words.states.notPressed);
    if (element.getAttribute('aria-current') === 'true') parts.push(words.states.current);
    // A disclosure (a customiser group's row): whether its choices are shown.
    const expanded = element.getAttribute('aria-expanded');
    if (expanded === 'true') parts.push(words.states.expanded);
    if (expanded === 'false') parts.push(words.states.collapsed);
    // A stepper's buttons: the group's name carries the count ("Ketchup: 2").
    const stepper = element.closest('.stepper[aria-label]');
    if (stepper) parts.push(collapse(stepper.getAttribute('aria-label')));
  }
  if (element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true') parts.push(words.states.disabled);
  return parts
    .filter(Boolean)
    .map((part) => (/[.!?:]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

/** A heading, paragraph or other focused non-control: its text. */
export const plainText = (element: Element): string => visibleText(element);
