// The devices' state, one enum each, for the kiosk contract and the store bus alike
// (a leaf module: both contract/devices.ts and store-bus/messages.ts import it without a cycle).
import { z } from 'zod';

/**
 * What the receipt printer can do now. Each cause is its own value, so the customer and staff are told
 * what to fix: a printer with its cover open is `cover_open`, never "offline".
 * offline: the printer says it is offline, or it does not answer at all (port missing, cable, power).
 */
export const printerState = z.enum(['ok', 'paper_low', 'paper_out', 'cover_open', 'offline', 'error']);
export type PrinterState = z.infer<typeof printerState>;

/** What the card terminal can do now. busy: a payment or a check with the terminal is running. */
export const terminalState = z.enum(['ok', 'busy', 'down']);
export type TerminalState = z.infer<typeof terminalState>;
