// ZVT application messages the kiosk uses, as pure encoders and decoders.
// Field layouts follow the ZVT ECR interface specification (Registration 06 00,
// Authorisation 06 01, Status information 04 0F, Intermediate status 04 FF, ...).
import { encodeApdu, encodeBmp, fromBcd, parseBmps, toBcd, ZvtFormatError } from './apdu';

export const Command = {
  registration: [0x06, 0x00],
  authorisation: [0x06, 0x01],
  repeatReceipt: [0x06, 0x20],
  reversal: [0x06, 0x30],
  ecrAbort: [0x06, 0xb0],
  statusEnquiry: [0x05, 0x01],
  completion: [0x06, 0x0f],
  abort: [0x06, 0x1e],
  statusInformation: [0x04, 0x0f],
  intermediateStatus: [0x04, 0xff],
  printLine: [0x06, 0xd1],
  printTextBlock: [0x06, 0xd3],
  positiveAck: [0x80, 0x00],
  negativeAck: [0x84],
} as const;

/** Result code (06 1E): the terminal has no registration from this ECR – not a decline; register and ask again. */
export const RESULT_NOT_REGISTERED = 0x6b;
/** Negative acknowledgement 84 83: "function not possible" – an abort on a terminal with nothing running. */
export const ERROR_NOT_POSSIBLE = 0x83;

export const is = (apdu: { cls: number; ins: number }, command: readonly number[]): boolean =>
  apdu.cls === command[0] && (command.length === 1 || apdu.ins === command[1]);

/** ISO 4217 numeric codes for the currencies a store config may name. */
const currencyNumbers: Record<string, number> = { EUR: 978, CHF: 756, GBP: 826, USD: 840, DKK: 208, SEK: 752, NOK: 578, PLN: 985, CZK: 203 };

export function currencyNumber(code: string): number {
  const number = currencyNumbers[code];
  if (number === undefined) throw new ZvtFormatError(`currency ${code} is not supported by the ZVT client (known: ${Object.keys(currencyNumbers).join(', ')})`);
  return number;
}

const password = (value: string): Buffer => {
  if (!/^\d{6}$/.test(value)) throw new ZvtFormatError('the terminal password must be 6 digits');
  return Buffer.from(value, 'hex');
};

/**
 * Config byte of Registration: the ECR prints payment and administration receipts (0x02, 0x04),
 * wants intermediate status (0x08) and controls payment and administration (0x10, 0x20),
 * because an unattended kiosk prints its own receipt and shows the prompts itself.
 */
export const kioskConfigByte = 0x02 | 0x04 | 0x08 | 0x10 | 0x20;

export const encode = {
  positiveAck: (): Buffer => Buffer.from([0x80, 0x00, 0x00]),
  negativeAck: (errorCode: number): Buffer => Buffer.from([0x84, errorCode, 0x00]),
  registration: (pass: string, configByte: number, currency: string): Buffer =>
    encodeApdu(0x06, 0x00, Buffer.concat([password(pass), Buffer.from([configByte]), toBcd(currencyNumber(currency), 2)])),
  authorisation: (amountMinor: number, currency: string): Buffer => {
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new ZvtFormatError(`amount must be a positive whole number of minor units, got ${amountMinor}`);
    return encodeApdu(0x06, 0x01, Buffer.concat([encodeBmp(0x04, toBcd(amountMinor, 6)), encodeBmp(0x49, toBcd(currencyNumber(currency), 2))]));
  },
  reversal: (pass: string, receiptNumber: number): Buffer =>
    encodeApdu(0x06, 0x30, Buffer.concat([password(pass), encodeBmp(0x87, toBcd(receiptNumber, 2))])),
  repeatReceipt: (pass: string): Buffer => encodeApdu(0x06, 0x20, password(pass)),
  statusEnquiry: (pass: string): Buffer => encodeApdu(0x05, 0x01, password(pass)),
  ecrAbort: (): Buffer => encodeApdu(0x06, 0xb0),
  /** Print line 06 D1 (terminal → ECR): <attribute> <text>; attribute bit 7 marks the last line of a receipt. */
  printLine: (text: string, last: boolean): Buffer => encodeApdu(0x06, 0xd1, Buffer.concat([Buffer.from([last ? 0x80 : 0x00]), Buffer.from(text, 'latin1')])),
};

/** A print line 06 D1 from the terminal: the text (ISO 8859-1) and whether it ends the receipt. */
export function decodePrintLine(data: Buffer): { text: string; last: boolean } {
  const attribute = data[0];
  if (attribute === undefined) throw new ZvtFormatError('print line without an attribute byte');
  return { text: data.subarray(1).toString('latin1').replace(/\s+$/, ''), last: (attribute & 0x80) !== 0 };
}

// ---------------------------------------------------------------- decoding

/** What the terminal reports about a transaction. Never a full card number. */
export interface TransactionDetails {
  resultCode: number;
  amountMinor?: number;
  trace?: number;
  receiptNumber?: number;
  turnoverNumber?: number;
  terminalId?: string;
  /** Authorisation code (BMP 3B) as the terminal sends it. */
  authCode?: string;
  cardName?: string;
  cardType?: number;
  /** Masked PAN as the terminal returns it, masked digits shown as '*'. */
  maskedPan?: string;
  /** Terminal's date MMDD and time HHMMSS of the transaction. */
  terminalDate?: string;
  terminalTime?: string;
}

const ascii = (bytes: Buffer): string => bytes.toString('latin1').replace(/\0+$/, '').trim();

/** BMP 22 holds BCD digits with 'E' for a masked digit and 'F' as padding. */
export function decodeMaskedPan(bytes: Buffer): string {
  const nibbles = bytes.toString('hex').toUpperCase().replace(/F+$/, '');
  const masked = nibbles.replace(/E/g, '*');
  if (!/^[\d*]+$/.test(masked)) throw new ZvtFormatError(`BMP 22: unexpected PAN nibbles ${nibbles}`);
  // Defence in depth: if a terminal ever sends an unmasked number, keep only the last four digits.
  if (!masked.includes('*') && masked.length > 4) return '*'.repeat(masked.length - 4) + masked.slice(-4);
  return masked;
}

export function decodeStatusInformation(data: Buffer): TransactionDetails {
  const details: TransactionDetails = { resultCode: -1 };
  for (const { tag, value } of parseBmps(data)) {
    switch (tag) {
      case 0x27: details.resultCode = value[0]!; break;
      case 0x04: details.amountMinor = fromBcd(value); break;
      case 0x0b: details.trace = fromBcd(value); break;
      case 0x87: details.receiptNumber = fromBcd(value); break;
      case 0x88: details.turnoverNumber = fromBcd(value); break;
      case 0x29: details.terminalId = value.toString('hex'); break;
      case 0x3b: details.authCode = ascii(value); break;
      case 0x8b: details.cardName = ascii(value); break;
      case 0x8a: details.cardType = value[0]; break;
      case 0x22: details.maskedPan = decodeMaskedPan(value); break;
      case 0x0d: details.terminalDate = value.toString('hex'); break;
      case 0x0c: details.terminalTime = value.toString('hex'); break;
      default: break; // other fields (track data, TLV, VU number) are not kept
    }
  }
  if (details.resultCode === -1) throw new ZvtFormatError('status information without result code (BMP 27)');
  return details;
}

/** Builds 04 0F (used by the simulator; kept here so both sides share one layout). */
export function encodeStatusInformation(details: TransactionDetails & { maskedPanNibbles?: string }): Buffer {
  const parts: Buffer[] = [encodeBmp(0x27, Buffer.from([details.resultCode]))];
  if (details.amountMinor !== undefined) parts.push(encodeBmp(0x04, toBcd(details.amountMinor, 6)));
  if (details.trace !== undefined) parts.push(encodeBmp(0x0b, toBcd(details.trace, 3)));
  if (details.terminalTime) parts.push(encodeBmp(0x0c, Buffer.from(details.terminalTime, 'hex')));
  if (details.terminalDate) parts.push(encodeBmp(0x0d, Buffer.from(details.terminalDate, 'hex')));
  if (details.maskedPanNibbles) {
    const nibbles = details.maskedPanNibbles.length % 2 ? details.maskedPanNibbles + 'F' : details.maskedPanNibbles;
    parts.push(encodeBmp(0x22, Buffer.from(nibbles, 'hex')));
  }
  if (details.terminalId) parts.push(encodeBmp(0x29, Buffer.from(details.terminalId.padStart(8, '0'), 'hex')));
  if (details.authCode !== undefined) parts.push(encodeBmp(0x3b, Buffer.from(details.authCode.padEnd(8, '\0').slice(0, 8), 'latin1')));
  if (details.receiptNumber !== undefined) parts.push(encodeBmp(0x87, toBcd(details.receiptNumber, 2)));
  if (details.turnoverNumber !== undefined) parts.push(encodeBmp(0x88, toBcd(details.turnoverNumber, 3)));
  if (details.cardType !== undefined) parts.push(encodeBmp(0x8a, Buffer.from([details.cardType])));
  if (details.cardName !== undefined) parts.push(encodeBmp(0x8b, Buffer.from(details.cardName + '\0', 'latin1')));
  return encodeApdu(0x04, 0x0f, Buffer.concat(parts));
}

// ---------------------------------------------------------------- prompts and result codes

export type PromptCode =
  | 'insert_or_tap_card'
  | 'enter_pin'
  | 'please_wait'
  | 'remove_card'
  | 'card_not_accepted'
  | 'card_not_readable'
  | 'card_expired'
  | 'incorrect_pin'
  | 'approved'
  | 'declined'
  | 'other';

export interface TerminalPrompt {
  code: PromptCode;
  /** English text; the renderer translates by `code`. */
  text: string;
  /** The raw intermediate status code (04 FF), for logs. */
  terminalCode: number;
}

const prompts: Record<number, [PromptCode, string]> = {
  0x00: ['please_wait', 'Please wait'],
  0x01: ['enter_pin', 'Enter your PIN on the terminal'],
  0x02: ['enter_pin', 'Enter your PIN on the terminal'],
  0x03: ['card_not_accepted', 'This card is not accepted'],
  0x04: ['please_wait', 'Please wait, contacting your bank'],
  0x05: ['please_wait', 'Please wait'],
  0x06: ['please_wait', 'Please wait'],
  0x07: ['card_not_accepted', 'This card is not accepted'],
  0x08: ['card_not_accepted', 'This card is not known'],
  0x09: ['card_expired', 'This card has expired'],
  0x0a: ['insert_or_tap_card', 'Insert or tap your card'],
  0x0b: ['remove_card', 'Please remove your card'],
  0x0c: ['card_not_readable', 'The card could not be read, please try again'],
  0x0d: ['please_wait', 'Please wait'],
  0x0e: ['please_wait', 'Please wait'],
  0x0f: ['please_wait', 'Please wait'],
  0x10: ['card_not_accepted', 'This card is not valid'],
  0x14: ['declined', 'Not enough credit'],
  0x15: ['incorrect_pin', 'Incorrect PIN, please try again'],
  0x17: ['please_wait', 'Please wait'],
  0x18: ['declined', 'Too many wrong PIN entries'],
  0x1c: ['approved', 'Approved'],
  0x1d: ['declined', 'Declined'],
};

export function decodeIntermediateStatus(data: Buffer): TerminalPrompt {
  const code = data[0];
  if (code === undefined) throw new ZvtFormatError('intermediate status without a status byte');
  const [promptCode, text] = prompts[code] ?? ['other', 'Please follow the instructions on the terminal'];
  return { code: promptCode, text, terminalCode: code };
}

export type DeclineReason =
  | 'declined_by_bank'
  | 'insufficient_funds'
  | 'card_expired'
  | 'card_not_accepted'
  | 'card_not_readable'
  | 'incorrect_pin'
  | 'cancelled'
  | 'terminal_error';

export interface ResultText {
  reason: DeclineReason;
  text: string;
}

/** Result code (BMP 27 / 06 1E) → why the payment did not go through, for the customer and the log. */
export function describeResultCode(code: number): ResultText {
  if (code >= 0x01 && code <= 0x63) {
    // Codes from the card issuer's host, ISO 8583 response codes as a binary number.
    if (code === 51) return { reason: 'insufficient_funds', text: 'Declined by your bank: not enough funds' };
    if (code === 54) return { reason: 'card_expired', text: 'Declined: the card has expired' };
    if (code === 55) return { reason: 'incorrect_pin', text: 'Declined: incorrect PIN' };
    return { reason: 'declined_by_bank', text: `Declined by your bank (code ${code})` };
  }
  switch (code) {
    case 0x64: return { reason: 'card_not_readable', text: 'The card could not be read' };
    case 0x6b: return { reason: 'terminal_error', text: 'The card terminal is not registered with this kiosk' };
    case 0x6c: return { reason: 'cancelled', text: 'Payment cancelled' };
    case 0x6e: return { reason: 'card_not_accepted', text: 'This card is blocked' };
    case 0x71: return { reason: 'insufficient_funds', text: 'Not enough credit on the card' };
    case 0x78: return { reason: 'card_expired', text: 'The card has expired' };
    case 0x79: return { reason: 'card_not_accepted', text: 'The card is not yet valid' };
    case 0x7a: return { reason: 'card_not_accepted', text: 'This card is not known' };
    case 0x7d: return { reason: 'terminal_error', text: 'The terminal could not reach the bank' };
    case 0xc5: return { reason: 'card_not_accepted', text: 'This payment method is not supported' };
    case 0xc3: return { reason: 'declined_by_bank', text: 'The amount is above the card limit' };
    default: return { reason: 'terminal_error', text: `The terminal reported an error (code 0x${code.toString(16).padStart(2, '0')})` };
  }
}
