// The receipt printer client against the printer simulator over a real serial line (socat pty pair).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from '../../../hardware/simulators/pty-pair';
import { PrinterSimulator } from '../../../hardware/simulators/printer-simulator';
import { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import { blocksToLines, layoutDocument } from '../../../hardware/printer/receipt-layout';
import type { CustomerReceipt } from '../../../hardware/printer/receipt-model';
import type { PrinterStatus } from '../../../hardware/printer/status';
import type { LineState } from '../../../hardware/serial/serial-line';

const receipt: CustomerReceipt = {
  kind: 'receipt',
  orderId: '8d3e7c52-1f0a-4b9e-a6d2-5c4b3a291807',
  orderNumber: 'A-007',
  store: { name: 'Counterpart Diner', address: ['Marktplatz 3', '04109 Leipzig'] },
  currency: 'EUR',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  createdAt: '2026-11-25T09:15:00Z',
  serviceMode: 'eat_in',
  lines: [
    { quantity: 1, name: 'Veggie Burger', details: ['+ Süßkartoffel-Pommes', 'Ohne Tomate'], totalMinor: 1150, taxKey: 'B' },
    { quantity: 1, name: 'Limonade 0,5 l', details: [], totalMinor: 390, taxKey: 'A' },
  ],
  taxes: [
    { key: 'A', ratePercent: 19, netMinor: 328, taxMinor: 62, grossMinor: 390 },
    { key: 'B', ratePercent: 7, netMinor: 1075, taxMinor: 75, grossMinor: 1150 },
  ],
  totalMinor: 1540,
  payment: { method: 'card', amountMinor: 1540, terminal: { cardBrand: 'Mastercard', maskedPan: '5***********4444', authCode: 'A00003', receiptNumber: 3, trace: 3 } },
};

let directory: string;
let cable: PtyPair;
let simulator: PrinterSimulator;
let printer: ReceiptPrinter;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-printer-'));
  cable = await startPtyPair('printer', directory);
  simulator = await PrinterSimulator.open({ path: cable.devicePath, baudRate: 115200 });
  printer = await ReceiptPrinter.open({ path: cable.hostPath, baudRate: 115200 }, { model: 'epson', statusTimeoutMs: 500, printSlackMs: 1500 });
});

afterEach(async () => {
  await printer.close();
  await simulator.close();
  await cable.stop();
  rmSync(directory, { recursive: true, force: true });
});

const POLL = { interval: 25, timeout: 5_000 };

describe('receipt printing over ESC/POS', () => {
  it('prints a receipt that the printer captures as exactly this order', async () => {
    expect(await printer.readiness()).toMatchObject({ canPrint: true, paperNearEnd: false });
    const result = await printer.print({ jobId: `${receipt.orderId}:receipt`, document: receipt });
    expect(result).toMatchObject({ outcome: 'printed', started: true, reprint: false });
    const [document] = simulator.documents();
    expect(document).toMatchObject({ complete: true, continuation: false, qrCodes: [receipt.orderId] });
    expect(document!.text).toEqual(blocksToLines(layoutDocument(receipt)).map((line) => line.trimEnd()));
    expect(document!.text).toContain('A-007');
    expect(document!.text).toContain('TOTAL                              15,40 €');
    expect(document!.text).toContain('   + Süßkartoffel-Pommes');
    expect(document!.text).toContain('   Ohne Tomate');
  });

  it('the simulator receives like a UART: a job takes at least its bytes × 10 / baud on the wire (modelled time)', async () => {
    const result = await printer.print({ jobId: 'job-paced', document: receipt });
    const document = simulator.lastDocument()!;
    expect(document.lastByteAt - document.firstByteAt).toBeGreaterThanOrEqual((result.bytes * 10 * 1000) / 115200 - 1);
  });

  it('paper out before payment: readiness says so, and a job fails without sending a byte', async () => {
    simulator.paperOut();
    const readiness = await printer.readiness();
    expect(readiness).toMatchObject({ canPrint: false, problem: 'paper_end' });
    expect(readiness.message).toContain(cable.hostPath);
    const result = await printer.print({ jobId: 'job-2', document: receipt });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'paper_end', started: false });
    expect(simulator.documents()).toEqual([]);
    // not started, so after the refill it simply prints (not a reprint)
    simulator.refill();
    expect(await printer.print({ jobId: 'job-2', document: receipt })).toMatchObject({ outcome: 'printed', reprint: false });
  });

  it('paper near end: can still print, and the printer pushes the change (ASB)', async () => {
    const pushed: PrinterStatus[] = [];
    printer.on('status', (status) => pushed.push(status));
    await expect.poll(() => pushed.length > 0, { ...POLL, message: 'the first ASB after GS a' }).toBe(true);
    simulator.setPaperNearEnd(true);
    await expect.poll(() => pushed.some((status) => status.paperNearEnd), { ...POLL, message: 'an ASB with paper near end' }).toBe(true);
    expect(await printer.readiness()).toMatchObject({ canPrint: true, paperNearEnd: true, message: 'ready (paper near end)' });
    expect(printer.lastKnownStatus?.paperNearEnd).toBe(true);
  });

  it('cover open blocks printing and says so', async () => {
    simulator.openCover();
    expect(await printer.readiness()).toMatchObject({ canPrint: false, problem: 'cover_open' });
    simulator.closeCover();
    expect(await printer.readiness()).toMatchObject({ canPrint: true });
  });

  it('paper out mid-receipt: the job fails, nothing more comes out after the refill, and the reprint prints whole, marked', async () => {
    simulator.runOutOfPaperAfter(8);
    const failed = await printer.print({ jobId: 'job-3', document: receipt });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'paper_end', started: true });
    expect(simulator.documents()).toMatchObject([{ complete: false }]);

    simulator.refill();
    await expect.poll(() => printer.lastKnownStatus?.paperEnd === false, { ...POLL, message: 'the printer back online' }).toBe(true);
    // the rest of the interrupted job was cleared from the printer, so nothing came out
    expect(simulator.documents()).toHaveLength(1);

    const reprint = await printer.print({ jobId: 'job-3', document: receipt, reprint: true });
    expect(reprint).toMatchObject({ outcome: 'printed', reprint: true });
    const documents = simulator.documents();
    expect(documents).toHaveLength(2);
    expect(documents[1]).toMatchObject({ complete: true, continuation: false });
    expect(documents[1]!.text[0]).toBe('*** REPRINT ***');
    expect(documents[1]!.text).toContain('A-007');
    expect(documents.filter((document) => document.complete)).toHaveLength(1);
  });

  it('printer unplugged: the job fails naming the port; plugged back: the line reconnects and prints', async () => {
    const states: LineState[] = [];
    const simulatorStates: LineState[] = [];
    printer.on('line', (state) => states.push(state));
    simulator.line.on('state', (state) => simulatorStates.push(state));
    await cable.unplug();
    await expect.poll(() => states.includes('reconnecting') && simulatorStates.includes('reconnecting'), { ...POLL, message: 'both ends to notice the unplug' }).toBe(true);
    const failed = await printer.print({ jobId: 'job-4', document: receipt });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'unreachable', started: false });
    expect(failed.message).toContain(cable.hostPath);

    await cable.plug();
    await expect.poll(() => printer.line.state === 'open' && simulator.line.state === 'open', { ...POLL, message: 'both ends to reconnect' }).toBe(true);
    expect(states.at(-1)).toBe('open');
    const printed = await printer.print({ jobId: 'job-4', document: receipt });
    expect(printed, printed.message).toMatchObject({ outcome: 'printed' });
    expect(simulator.documents()).toHaveLength(1);
  });
});
