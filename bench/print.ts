// Receipt printing over a serial line at 9600, 38400 and 115200 baud, against the physical floor
// (bytes × 10 / baud for 8N1). Runs standalone: `npx tsx bench/print.ts`.
//
// What the numbers mean: a pty moves bytes at memory speed whatever baud rate is set, so the
// printer simulator models the UART – each chunk counts as received when its last bit would have
// arrived at the configured rate, back to back with the chunk before, and replies (DLE EOT, GS r)
// leave no earlier than that. "Time to last byte" is therefore the floor plus every gap our writer
// left on the line; "print job" is the whole job as the kiosk waits for it (status check, write,
// end-of-job confirmation, status after), in wall-clock time. Both are ratios to the floor of the
// same run; the floor itself is arithmetic. A real printer adds its mechanism's time (roughly 150–300
// mm/s of paper) on top, which no host-side code can change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './result';
import { round } from './result';
import { startPtyPair } from '../hardware/simulators/pty-pair';
import { PrinterSimulator } from '../hardware/simulators/printer-simulator';
import { ReceiptPrinter } from '../hardware/printer/receipt-printer';
import type { CustomerReceipt } from '../hardware/printer/receipt-model';

const typicalReceipt: CustomerReceipt = {
  kind: 'receipt',
  orderId: 'b7f1d0c4-5e2a-4d8b-9c3f-1a2b3c4d5e6f',
  orderNumber: 'B-042',
  store: { name: 'Counterpart Burger', address: ['Hauptstraße 12', '10115 Berlin'], taxId: 'USt-IdNr. DE123456789' },
  currency: 'EUR',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  createdAt: '2026-11-25T12:00:00Z',
  serviceMode: 'take_away',
  lines: [
    { quantity: 1, name: 'Classic Burger Menü', details: ['Groß', 'Pommes', 'Cola Zero 0,5 l', '+ Extra Käse', 'Ohne Zwiebeln', 'Ohne Gurken'], totalMinor: 1190, taxKey: 'A' },
    { quantity: 1, name: 'Chicken Wrap', details: ['+ Süß-sauer Soße', 'Ohne Salat'], totalMinor: 690, taxKey: 'A' },
    { quantity: 2, name: 'Apfeltasche', details: [], totalMinor: 398, taxKey: 'A' },
    { quantity: 1, name: 'Wasser still 0,5 l', details: [], totalMinor: 250, taxKey: 'A' },
  ],
  taxes: [{ key: 'A', ratePercent: 7, netMinor: 2363, taxMinor: 165, grossMinor: 2528 }],
  totalMinor: 2528,
  payment: { method: 'card', amountMinor: 2528, terminal: { cardBrand: 'girocard', maskedPan: '############4321', authCode: '482913', receiptNumber: 57, trace: 1204, terminalId: '52500001' } },
};

const bauds = [9600, 38400, 115200] as const;

export async function benchPrinting(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'counterpart-bench-print-'));
  try {
    for (const baudRate of bauds) {
      const cable = await startPtyPair(`printer-${baudRate}`, directory);
      const simulator = await PrinterSimulator.open({ path: cable.devicePath, baudRate });
      const printer = await ReceiptPrinter.open({ path: cable.hostPath, baudRate }, { model: 'epson' });
      try {
        await printer.readiness(); // warm up: first status exchange and ASB
        const started = performance.now();
        const result = await printer.print({ jobId: `bench-${baudRate}`, document: typicalReceipt });
        const jobMs = performance.now() - started;
        const document = simulator.lastDocument();
        if (result.outcome !== 'printed' || !document?.complete) throw new Error(`bench print at ${baudRate} baud failed: ${result.message}`);
        const floorMs = (result.bytes * 10 * 1000) / baudRate;
        const lastByteMs = document.lastByteAt - document.firstByteAt;
        if (baudRate === bauds[0]) {
          results.push({ name: 'receipt size', value: result.bytes, unit: 'B', baseline: null, target: '< 2048 B (logos stored in the printer, not streamed)', met: result.bytes < 2048 });
        }
        results.push({
          name: `receipt time to last byte @ ${baudRate}`,
          value: round(lastByteMs, 1),
          unit: 'ms',
          baseline: round(floorMs, 1),
          target: '≤ 1.10 × serial floor',
          met: lastByteMs <= floorMs * 1.1,
          note: 'modelled UART receive time in the simulator (a pty does not enforce baud rates)',
        });
        results.push({
          name: `receipt print job (status, write, confirm) @ ${baudRate}`,
          value: round(jobMs, 1),
          unit: 'ms',
          baseline: round(floorMs, 1),
          target: '≤ serial floor + 250 ms',
          met: jobMs <= floorMs + 250,
          note: 'wall clock in the kiosk, replies paced by the simulated UART',
        });
      } finally {
        await printer.close();
        await simulator.close();
        await cable.stop();
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchPrinting();
  console.table(
    figures.map((figure) => ({
      figure: figure.name,
      value: `${figure.value} ${figure.unit}`,
      floor: figure.baseline === null ? '' : `${figure.baseline} ${figure.unit}`,
      ratio: figure.baseline ? (figure.value / figure.baseline).toFixed(2) : '',
      target: figure.target ?? '',
      met: figure.met === undefined || figure.met === null ? '' : figure.met ? 'yes' : 'NO',
    })),
  );
}
