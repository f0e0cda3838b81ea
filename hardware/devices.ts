// Opens the kiosk's devices from the store config; with no devices configured it starts the
// simulators and connects to them, so `npm start` works without hardware.
import type { StoreConfig } from '../common/menu/schema';
import { silentLogger, type Logger } from './log';
import { CardTerminal, type CardTerminalOptions } from './terminal/card-terminal';
import { ReceiptPrinter } from './printer/receipt-printer';
import { startSimulatedDevices, type SimulatedDevices } from './simulators';

export interface KioskDevices {
  printer: ReceiptPrinter;
  terminal: CardTerminal;
  /** Present when the simulators stand in for missing hardware. */
  simulated?: SimulatedDevices;
  close(): Promise<void>;
}

export async function openKioskDevices(
  config: Pick<StoreConfig, 'devices' | 'currency'>,
  terminalOptions: Partial<CardTerminalOptions> = {},
  log: Logger = silentLogger,
): Promise<KioskDevices> {
  const { printer: printerConfig, terminal: terminalConfig } = config.devices;
  const simulated = !printerConfig || !terminalConfig ? await startSimulatedDevices() : undefined;
  const opened: { close(): Promise<void> }[] = [];
  try {
    const printer = printerConfig
      ? await ReceiptPrinter.open(printerConfig, { model: printerConfig.model, log })
      : await ReceiptPrinter.open({ path: simulated!.printerPath, baudRate: simulated!.printerBaudRate }, { model: 'epson', log });
    opened.push(printer);
    const terminal = terminalConfig
      ? await CardTerminal.open(terminalConfig, { password: terminalConfig.password, currency: config.currency, log, ...terminalOptions })
      : await CardTerminal.open({ path: simulated!.terminalPath, baudRate: simulated!.terminalBaudRate, stopBits: simulated!.terminalStopBits }, { password: '000000', currency: config.currency, log, ...terminalOptions });
    opened.push(terminal);
    return {
      printer,
      terminal,
      simulated,
      async close() {
        await Promise.allSettled(opened.map((device) => device.close()));
        await simulated?.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled(opened.map((device) => device.close()));
    await simulated?.stop();
    throw error;
  }
}
