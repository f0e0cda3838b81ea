// `tsx hardware/simulators/cli.ts`: runs the simulated printer and card terminal on socat
// pty pairs and takes commands on stdin to make them fail. `--list-ports` lists real ports.
import { createInterface } from 'node:readline';
import { listSerialPorts } from '../serial/serial-line';
import { startSimulatedDevices } from './index';

const help = `commands:
  paper-near | paper-out | paper-out-after <lines> | refill | cover-open | cover-close
  approve | decline [code] | cancel | silent | hang | lose-answer | slow-pin <ms> | normal
  terminal-off | terminal-on | lose-frames <n> | nak-frames <n> | kept-receipts
  unplug-printer | plug-printer | unplug-terminal | plug-terminal
  documents | charges | quit`;

if (process.argv.includes('--list-ports')) {
  for (const port of await listSerialPorts()) console.log(`${port.path}\t${port.manufacturer ?? ''}`);
  process.exit(0);
}

const devices = await startSimulatedDevices();
console.log(`printer:  ${devices.printerPath} (${devices.printerBaudRate} baud)`);
console.log(`terminal: ${devices.terminalPath} (${devices.terminalBaudRate} baud)`);
console.log(help);
devices.printer.on('document', (document) => console.log(`printed ${document.complete ? 'receipt' : 'PART of a receipt'}:\n  ${document.text.join('\n  ')}`));

const shutdown = async (): Promise<void> => {
  await devices.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

for await (const input of createInterface({ input: process.stdin })) {
  const [command, argument] = input.trim().split(/\s+/);
  const number = Number(argument);
  switch (command) {
    case 'paper-near': devices.printer.setPaperNearEnd(true); break;
    case 'paper-out': devices.printer.paperOut(); break;
    case 'paper-out-after': devices.printer.runOutOfPaperAfter(number); break;
    case 'refill': devices.printer.refill(); break;
    case 'cover-open': devices.printer.openCover(); break;
    case 'cover-close': devices.printer.closeCover(); break;
    case 'approve': devices.terminal.behave({ outcome: 'approve', fault: 'none' }); break;
    case 'decline': devices.terminal.behave({ outcome: 'decline', declineCode: Number.isFinite(number) ? number : 5 }); break;
    case 'cancel': devices.terminal.behave({ outcome: 'cancel_on_terminal' }); break;
    case 'silent': devices.terminal.behave({ fault: 'silent' }); break;
    case 'hang': devices.terminal.behave({ fault: 'hang' }); break;
    case 'lose-answer': devices.terminal.behave({ fault: 'lose_answer_after_charge' }); break;
    case 'slow-pin': devices.terminal.behave({ pinDelayMs: number }); break;
    case 'normal': devices.terminal.reset(); break;
    case 'terminal-off': devices.terminal.switchOff(); break;
    case 'terminal-on': devices.terminal.switchOn(); break;
    case 'lose-frames': devices.terminal.disturbLine({ lose: number }); break;
    case 'nak-frames': devices.terminal.disturbLine({ nak: number }); break;
    case 'kept-receipts': console.log(devices.terminal.keptReceipts.map((lines) => lines.join('\n')).join('\n=====\n')); break;
    case 'unplug-printer': await devices.printerCable.unplug(); break;
    case 'plug-printer': await devices.printerCable.plug(); break;
    case 'unplug-terminal': await devices.terminalCable.unplug(); break;
    case 'plug-terminal': await devices.terminalCable.plug(); break;
    case 'documents': console.log(devices.printer.documents().map((d) => d.text.join('\n')).join('\n=====\n')); break;
    case 'charges': console.table(devices.terminal.allTransactions()); break;
    case 'quit': await shutdown(); break;
    case '': break;
    default: console.log(`unknown command "${command}"\n${help}`);
  }
}
await shutdown();
