// Pure: a receipt model becomes a list of print blocks (what goes on the paper, in order).
// The ESC/POS encoder turns blocks into bytes; tests read blocks back from the bytes.
import { catalogFor, formattersFor } from '../../common/i18n';
import type { PrintableDocument, ReceiptLabels, ReceiptLine } from './receipt-model';

export type PrintBlock =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; size?: 'normal' | 'large'; bold?: boolean }
  | { kind: 'columns'; left: string; right: string; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string }
  | { kind: 'feed'; lines: number };

/** Characters per line of 80 mm paper in font A (Epson TM-T88, Star TSP100). */
export const defaultLineWidth = 42;

/** Printers speak one code page, not Unicode: spaces the formatter inserts become plain spaces. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f\u2007]/g, ' ');

/** Money in the document's (the store region's) conventions, from the one i18n's formatters. */
export const formatMoney = (minor: number, currency: string, locale: string): string => plain(formattersFor(locale, currency).money(minor));

const formatDateTime = (iso: string, document: PrintableDocument): string => plain(formattersFor(document.locale, document.currency, document.timeZone).dateTime(iso));

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  // Leading spaces are an indent (option lines) and are kept on every wrapped line.
  const indent = /^ */.exec(text)![0].slice(0, Math.max(0, width - 8));
  if (indent) return wrap(text.slice(indent.length), width - indent.length).map((line) => indent + line);
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    while (word.length > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!current) current = word;
    else if (current.length + 1 + word.length <= width) current += ' ' + word;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** A left text and a right-aligned amount; long left texts wrap, the amount stays on the first line. */
export function columns(left: string, right: string, width: number): string[] {
  const room = Math.max(8, width - right.length - 1);
  const [first = '', ...rest] = wrap(left, room);
  return [first + ' '.repeat(Math.max(1, width - first.length - right.length)) + right, ...rest];
}

/** A line and, indented under it, its details as the customer saw them (they carry their own "+" where they have one). */
const lineBlocks = (line: ReceiptLine, money: (minor: number) => string): PrintBlock[] => [
  { kind: 'columns', left: `${line.quantity} x ${line.name}`, right: `${money(line.totalMinor)} ${line.taxKey}` },
  ...line.details.map((detail): PrintBlock => ({ kind: 'text', text: `   ${detail}` })),
];

const header = (document: PrintableDocument, reprint: boolean, labels: ReceiptLabels): PrintBlock[] => [
  ...(reprint ? [{ kind: 'text', text: labels.reprint, align: 'center', bold: true } as const] : []),
  { kind: 'text', text: document.store.name, align: 'center', bold: true },
  ...document.store.address.map((line): PrintBlock => ({ kind: 'text', text: line, align: 'center' })),
  ...(document.store.taxId ? [{ kind: 'text', text: document.store.taxId, align: 'center' } as const] : []),
  { kind: 'rule' },
];

const footer = (document: PrintableDocument, reprint: boolean, labels: ReceiptLabels): PrintBlock[] => [
  { kind: 'rule' },
  { kind: 'text', text: formatDateTime(document.createdAt, document), align: 'center' },
  { kind: 'qr', data: document.orderId },
  { kind: 'text', text: `${labels.orderId}: ${document.orderId}`, align: 'center' },
  ...(reprint ? [{ kind: 'text', text: labels.reprint, align: 'center', bold: true } as const] : []),
];

/**
 * The blocks of a document. `reprint` marks a job printed again after a failure, at the top and
 * the bottom, so a customer or auditor never mistakes it for a second purchase.
 */
export function layoutDocument(document: PrintableDocument, options: { reprint?: boolean } = {}): PrintBlock[] {
  const labels: ReceiptLabels = { ...catalogFor('en').receipt, ...document.labels };
  const reprint = options.reprint ?? false;
  const money = (minor: number): string => formatMoney(minor, document.currency, document.locale);
  const blocks: PrintBlock[] = header(document, reprint, labels);

  switch (document.kind) {
    case 'receipt': {
      blocks.push(
        { kind: 'text', text: labels.order, align: 'center' },
        { kind: 'text', text: document.orderNumber, align: 'center', size: 'large', bold: true },
        { kind: 'text', text: document.serviceMode === 'eat_in' ? labels.eatIn : labels.takeAway, align: 'center', bold: true },
        { kind: 'rule' },
      );
      for (const line of document.lines) blocks.push(...lineBlocks(line, money));
      blocks.push({ kind: 'rule' }, { kind: 'columns', left: labels.total, right: money(document.totalMinor), bold: true }, { kind: 'feed', lines: 1 });
      blocks.push({ kind: 'columns', left: `${labels.tax} %`, right: `${labels.net} / ${labels.tax} / ${labels.gross}` });
      for (const tax of document.taxes) {
        blocks.push({ kind: 'columns', left: `${tax.key} ${tax.ratePercent} %`, right: `${money(tax.netMinor)} / ${money(tax.taxMinor)} / ${money(tax.grossMinor)}` });
      }
      const payment = document.payment;
      const terminal = payment.terminal ?? {};
      blocks.push({ kind: 'rule' }, { kind: 'columns', left: labels.paidByCard, right: money(payment.amountMinor) });
      if (terminal.cardBrand || terminal.maskedPan) blocks.push({ kind: 'columns', left: labels.card, right: [terminal.cardBrand, terminal.maskedPan].filter(Boolean).join(' ') });
      if (terminal.authCode) blocks.push({ kind: 'columns', left: labels.authCode, right: terminal.authCode });
      if (terminal.receiptNumber !== undefined) blocks.push({ kind: 'columns', left: labels.receiptNo, right: String(terminal.receiptNumber) });
      if (terminal.trace !== undefined) blocks.push({ kind: 'columns', left: labels.trace, right: String(terminal.trace) });
      if (terminal.terminalId) blocks.push({ kind: 'columns', left: labels.terminal, right: terminal.terminalId });
      blocks.push(...footer(document, reprint, labels), { kind: 'text', text: labels.thankYou, align: 'center' });
      // The terminal's cardholder receipt, with the order's on the same paper (the kiosk registered to print it).
      if (document.terminalReceipt?.length) blocks.push({ kind: 'rule' }, ...document.terminalReceipt.map((text): PrintBlock => ({ kind: 'text', text })));
      break;
    }
    case 'pay_at_counter': {
      blocks.push(
        { kind: 'text', text: labels.payAtCounter, align: 'center', bold: true },
        { kind: 'text', text: document.orderNumber, align: 'center', size: 'large', bold: true },
        { kind: 'text', text: document.serviceMode === 'eat_in' ? labels.eatIn : labels.takeAway, align: 'center', bold: true },
        { kind: 'rule' },
      );
      for (const line of document.lines) blocks.push(...lineBlocks(line, money));
      blocks.push(
        { kind: 'rule' },
        { kind: 'columns', left: labels.amountDue, right: money(document.totalMinor), bold: true },
        { kind: 'text', text: labels.payAtCounterHint },
        ...footer(document, reprint, labels),
      );
      break;
    }
    case 'unresolved_payment': {
      blocks.push(
        { kind: 'text', text: labels.unresolvedPayment, align: 'center', bold: true },
        { kind: 'text', text: document.orderNumber, align: 'center', size: 'large', bold: true },
        { kind: 'columns', left: labels.amount, right: money(document.amountMinor), bold: true },
        { kind: 'columns', left: labels.started, right: formatDateTime(document.startedAt, document) },
        { kind: 'text', text: `${labels.reason}: ${document.reason}` },
      );
      if (document.terminal?.trace !== undefined) blocks.push({ kind: 'columns', left: labels.trace, right: String(document.terminal.trace) });
      if (document.terminal?.receiptNumber !== undefined) blocks.push({ kind: 'columns', left: labels.receiptNo, right: String(document.terminal.receiptNumber) });
      blocks.push({ kind: 'text', text: labels.unresolvedHint }, ...footer(document, reprint, labels));
      break;
    }
    case 'terminal_slip': {
      blocks.push(...document.lines.map((text): PrintBlock => ({ kind: 'text', text })), ...footer(document, reprint, labels));
      break;
    }
  }
  return blocks;
}

/** The text lines a block list prints, as a person reads them (large text counts double width). */
export function blocksToLines(blocks: PrintBlock[], width = defaultLineWidth): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        lines.push(...wrap(block.text, block.size === 'large' ? Math.floor(width / 2) : width));
        break;
      case 'columns':
        lines.push(...columns(block.left, block.right, width));
        break;
      case 'rule':
        lines.push('-'.repeat(width));
        break;
      case 'feed':
        for (let i = 0; i < block.lines; i++) lines.push('');
        break;
      case 'qr':
        lines.push(''); // the line feed that prints the symbol
        break;
    }
  }
  return lines;
}
