// The host's structured logger (pino): one JSON event per line, with a level.
// Every service takes a Logger and logs events as `{ event: 'name', ...fields }`
// plus a short message; tests read events (captureLog), never the English text.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The process logger: level from COUNTERPART_LOG_LEVEL (default info), to stderr. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.COUNTERPART_LOG_LEVEL ?? 'info';
  return pino({ level, base: { app: 'counterpart' } }, options.destination ?? pino.destination(2));
}

/** A logger that drops everything, for services started without one. */
export const silentLogger: Logger = pino({ level: 'silent' });

export interface LoggedEvent {
  level: number;
  event?: string;
  msg?: string;
  [field: string]: unknown;
}

/** A logger whose events are kept in memory, for tests: assert on `events`, not on prose. */
export function captureLog(level = 'trace'): { log: Logger; events: LoggedEvent[] } {
  const events: LoggedEvent[] = [];
  const destination: DestinationStream = { write: (line: string) => void events.push(JSON.parse(line) as LoggedEvent) };
  return { log: pino({ level }, destination), events };
}
