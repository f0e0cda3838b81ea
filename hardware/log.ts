// The device layer logs through the host's pino logger, handed in as an option: events as
// `{ event: 'snake_case_name', ...fields }`. hardware/ never imports the host nor pino itself
// (only its types), so a device opened without a logger gets this silent one.
import type { Logger as PinoLogger } from 'pino';

/** The part of pino's Logger the devices use; the host passes its pino logger. */
export type Logger = Pick<PinoLogger, 'trace' | 'debug' | 'info' | 'warn' | 'error'>;

const ignore = (): void => undefined;

export const silentLogger: Logger = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
