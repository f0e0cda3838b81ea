// Simulated printer and card terminal on real serial lines (socat pty pairs), so the kiosk
// runs out of the box and tests exercise the same code paths as with real devices.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from './pty-pair';
import { PrinterSimulator } from './printer-simulator';
import { TerminalSimulator } from './terminal-simulator';

export { PrinterSimulator, type CapturedDocument } from './printer-simulator';
export { TerminalSimulator, type SimulatedCharge, type TerminalBehaviour } from './terminal-simulator';
export { startPtyPair, type PtyPair } from './pty-pair';

export interface SimulatedDevices {
  /** Port the kiosk opens for the printer (host end of the cable). */
  printerPath: string;
  /** Port the kiosk opens for the card terminal. */
  terminalPath: string;
  printerBaudRate: number;
  terminalBaudRate: number;
  /** ZVT over RS-232 is 8N2: the simulated terminal's line has two stop bits. */
  terminalStopBits: 2;
  printer: PrinterSimulator;
  terminal: TerminalSimulator;
  /** The virtual cables: unplug() / plug() simulate pulling and reconnecting them. */
  printerCable: PtyPair;
  terminalCable: PtyPair;
  stop(): Promise<void>;
}

export async function startSimulatedDevices(options: { directory?: string; printerBaudRate?: number; terminalBaudRate?: number } = {}): Promise<SimulatedDevices> {
  const printerBaudRate = options.printerBaudRate ?? 38400;
  const terminalBaudRate = options.terminalBaudRate ?? 9600;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'counterpart-devices-'));
  const printerCable = await startPtyPair('printer', directory);
  const terminalCable = await startPtyPair('terminal', directory);
  try {
    const printer = await PrinterSimulator.open({ path: printerCable.devicePath, baudRate: printerBaudRate });
    const terminal = await TerminalSimulator.open({ path: terminalCable.devicePath, baudRate: terminalBaudRate, stopBits: 2 });
    return {
      printerPath: printerCable.hostPath,
      terminalPath: terminalCable.hostPath,
      printerBaudRate,
      terminalBaudRate,
      terminalStopBits: 2,
      printer,
      terminal,
      printerCable,
      terminalCable,
      async stop() {
        await Promise.allSettled([printer.close(), terminal.close()]);
        await Promise.allSettled([printerCable.stop(), terminalCable.stop()]);
      },
    };
  } catch (error) {
    await Promise.allSettled([printerCable.stop(), terminalCable.stop()]);
    throw error;
  }
}
