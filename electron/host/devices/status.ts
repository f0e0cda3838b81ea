// The devices' state for the kiosk contract (getDeviceStatus, device.status events): the printer
// asked by DLE EOT, the terminal by a status enquiry unless a payment or a check is running.
import type { KioskEvent } from '../../../common/contract/index';
import type { DeviceStatus, JournalState, PrinterState, TerminalState } from '../../../common/contract/devices';
import { problemOf, type PrinterStatus } from '../../../hardware/printer/status';
import type { KioskHandlers } from '../dispatcher';
import type { DeviceConnections } from './connections';

/** The printer's state from its status; offline when it does not answer. */
export function printerStateOf(status: PrinterStatus | undefined, reachable: boolean): PrinterState {
  if (!reachable || !status) return 'offline';
  switch (problemOf(status)) {
    case 'paper_end':
      return 'paper_out';
    case 'cover_open':
      return 'cover_open';
    case 'error':
      return 'error';
    case 'offline':
    case 'unreachable':
      return 'offline';
    case undefined:
      return status.paperNearEnd ? 'paper_low' : 'ok';
  }
}

export interface DeviceStatusOptions {
  connections: DeviceConnections;
  /** True while a payment or a check with the terminal runs. */
  terminalBusy(): boolean;
  /** What the journal looked like at start (damaged lines, or a path that cannot be used). */
  journal: JournalState;
  emit(event: KioskEvent): void;
}

export function createDeviceStatus(options: DeviceStatusOptions) {
  const { connections } = options;
  let lastTerminalState: TerminalState = 'ok';

  const getDeviceStatus: KioskHandlers['getDeviceStatus'] = async () => {
    const status: DeviceStatus = { printer: 'offline', terminal: 'down', journal: options.journal };
    const [printerDevice, terminalDevice] = await Promise.allSettled([connections.printer(), connections.terminal()]);
    if (printerDevice.status === 'fulfilled') {
      const readiness = await printerDevice.value.readiness();
      status.printer = printerStateOf(readiness.status, readiness.problem !== 'unreachable');
      if (status.printer !== 'ok') status.printerMessage = readiness.message;
    } else status.printerMessage = (printerDevice.reason as Error).message;
    // Without a journal no card payment may start: the terminal is down for the kiosk, whatever it says.
    if (options.journal.state === 'unusable') status.terminalMessage = options.journal.message;
    else if (terminalDevice.status === 'rejected') status.terminalMessage = (terminalDevice.reason as Error).message;
    else if (options.terminalBusy()) status.terminal = 'busy';
    else {
      const ready = await terminalDevice.value.checkReady();
      status.terminal = ready.state;
      if (!ready.ready) status.terminalMessage = ready.message;
    }
    lastTerminalState = status.terminal;
    return status;
  };

  return {
    getDeviceStatus,
    /** A status the printer pushed: told to the page (and through it the store bus) at once. */
    printerChanged(printerStatus: PrinterStatus): void {
      options.emit({ type: 'device.status', status: { printer: printerStateOf(printerStatus, true), terminal: lastTerminalState } });
    },
  };
}
