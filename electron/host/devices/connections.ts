// Opening the printer and the card terminal: each on first use and on its own, so the host starts
// (and takes counter orders) even when a port is missing, and a missing printer does not stop card
// payments, nor the other way round. A device that failed to open is tried again on the next call.
// Without configured ports the simulators stand in (openKioskDevices starts them).
import { KioskCallError } from '../../../common/contract/index';
import type { StoreConfig } from '../../../common/menu/schema';
import { openKioskDevices, type KioskDevices } from '../../../hardware/devices';
import { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import type { PrinterStatus } from '../../../hardware/printer/status';
import { CardTerminal, type CardTerminalOptions } from '../../../hardware/terminal/card-terminal';
import type { Logger } from '../log';

export interface DeviceConnectionsOptions {
  store: StoreConfig;
  /** ZVT timeouts; the defaults are the specification's. */
  terminalOptions?: Partial<CardTerminalOptions>;
  log: Logger;
  /** Every status the printer pushes (Automatic Status Back). */
  onPrinterStatus(status: PrinterStatus): void;
}

export interface DeviceConnections {
  printer(): Promise<ReceiptPrinter>;
  terminal(): Promise<CardTerminal>;
  close(): Promise<void>;
}

const shuttingDown = (): KioskCallError => new KioskCallError('shutting_down', 'the kiosk host is shutting down');

export function createDeviceConnections(options: DeviceConnectionsOptions): DeviceConnections {
  const { store, log } = options;
  const opened: { close(): Promise<void> }[] = [];
  let closed = false;
  let simulated: Promise<KioskDevices> | undefined;
  let printerOpening: Promise<ReceiptPrinter> | undefined;
  let terminalOpening: Promise<CardTerminal> | undefined;

  const terminalOptions = (): CardTerminalOptions => ({
    password: store.devices.terminal?.password ?? '000000',
    currency: store.currency,
    log,
    ...options.terminalOptions,
  });

  /** Keeps an opened device for close(); a failed open is logged with the port and retried on the next call. */
  const remember = <T extends { close(): Promise<void> }>(what: string, port: string | undefined, open: () => Promise<T>, reset: () => void): Promise<T> =>
    open().then(
      async (device) => {
        if (closed) {
          await device.close();
          throw shuttingDown();
        }
        opened.push(device);
        return device;
      },
      (error: Error) => {
        reset();
        log.error({ event: 'device_open_failed', device: what, port, error: error.message }, 'device could not be opened');
        throw new KioskCallError('device_unavailable', `the ${what} is not available: ${error.message}`);
      },
    );

  const simulatedDevices = (): Promise<KioskDevices> =>
    (simulated ??= remember('simulated devices', undefined, () => openKioskDevices(store, options.terminalOptions, log), () => (simulated = undefined)));

  const attachPrinter = (printer: ReceiptPrinter): ReceiptPrinter => {
    printer.on('status', options.onPrinterStatus);
    return printer;
  };

  // Registration tells the terminal that the kiosk prints receipts and wants the customer prompts.
  const registerTerminal = async (terminal: CardTerminal): Promise<CardTerminal> => {
    await terminal.register().catch((error: Error) => log.warn({ event: 'terminal_registration_failed', port: terminal.line.path, error: error.message }, 'card terminal registration failed'));
    return terminal;
  };

  return {
    printer() {
      if (closed) return Promise.reject(shuttingDown());
      const port = store.devices.printer;
      printerOpening ??= port
        ? remember('receipt printer', port.path, () => ReceiptPrinter.open(port, { model: port.model, log }), () => (printerOpening = undefined)).then(attachPrinter)
        : simulatedDevices().then((devices) => attachPrinter(devices.printer));
      // A failed simulated start is retried with the bundle.
      if (!port) printerOpening.catch(() => (printerOpening = undefined));
      return printerOpening;
    },
    terminal() {
      if (closed) return Promise.reject(shuttingDown());
      const port = store.devices.terminal;
      terminalOpening ??= port
        ? remember('card terminal', port.path, () => CardTerminal.open(port, terminalOptions()), () => (terminalOpening = undefined)).then(registerTerminal)
        : simulatedDevices().then((devices) => registerTerminal(devices.terminal));
      if (!port) terminalOpening.catch(() => (terminalOpening = undefined));
      return terminalOpening;
    },
    async close() {
      closed = true;
      await Promise.allSettled([printerOpening, terminalOpening, simulated]);
      await Promise.allSettled(opened.splice(0).map((device) => device.close()));
    },
  };
}
