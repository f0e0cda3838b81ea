// Serial errors always name the port and say what a person should check,
// because the reader is usually a technician standing next to the kiosk.

export class SerialPortError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'not_found' | 'permission' | 'busy' | 'in_use' | 'timeout' | 'closed' | 'disconnected' | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'SerialPortError';
  }
}

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const message = String((error as { message?: unknown }).message ?? '');
  const named = /\b(ENOENT|EACCES|EPERM|EBUSY|EIO|ENXIO)\b/.exec(message)?.[1];
  if (named) return named;
  // The native binding reports strerror() text without a code.
  if (/no such file or directory/i.test(message)) return 'ENOENT';
  if (/permission denied/i.test(message)) return 'EACCES';
  if (/resource (temporarily unavailable|busy)|cannot lock port/i.test(message)) return 'EBUSY';
  if (/input\/output error/i.test(message)) return 'EIO';
  return undefined;
};

/** Translates an error from the serial binding into one that says what to check. */
export function describeSerialError(path: string, error: unknown, device = 'device'): SerialPortError {
  if (error instanceof SerialPortError) return error;
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
      return new SerialPortError(path, 'not_found', `not found – is the ${device} plugged in and the path in the store config right?`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new SerialPortError(path, 'permission', 'permission denied – is the user in the dialout group?', { cause: error });
    case 'EBUSY':
      return new SerialPortError(path, 'busy', `busy – another program holds the port; close it (or stop the other kiosk process) and retry`, { cause: error });
    case 'EIO':
    case 'ENXIO':
      return new SerialPortError(path, 'disconnected', `the ${device} went away – check its cable and power`, { cause: error });
    default:
      return new SerialPortError(path, 'io', `${detail} – check the cable, power and the port settings (baud rate, parity) of the ${device}`, { cause: error });
  }
}
