// What every record module of the data layer shares: the database, the kiosk's identity,
// the clock, and the outbox's "something was queued" signal.
import { z } from 'zod';
import type { KioskDatabase } from './db';

export interface DataContext {
  db: KioskDatabase;
  kioskId: string;
  /** One or two capital letters, from the store config. */
  orderPrefix: string;
  /** IANA zone whose midnight restarts the order counter; the runtime's zone when absent. */
  timeZone?: string;
  now: () => Date;
  newId: () => string;
  log: (message: string) => void;
  /** Called after every commit that queued something for the store (wakes the sync loop). */
  notifyOutbox: () => void;
}

/** Turns a zod failure into an error that says what was wrong and where. */
export const invalidInput = (what: string, error: z.ZodError): Error => new Error(`${what} is invalid:\n${z.prettifyError(error)}`);

export const DAY_MS = 24 * 60 * 60 * 1000;
