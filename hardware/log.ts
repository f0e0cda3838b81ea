// The device layer logs through the host's pino logger, handed in as an option: events as
// `{ event: 'snake_case_name', ...fields }`. hardware/ never imports the host, so the type comes
// from pino and a device opened without a logger logs nothing.
import { pino, type Logger } from 'pino';

export type { Logger };

export const silentLogger: Logger = pino({ level: 'silent' });
