// A lost answer from the card terminal: the time from the terminal going quiet (it booked the
// payment, its answer never left) to the customer seeing the outcome (the host's answer to
// payByCard, which the payment screen shows as it arrives). Default timings (the 15 s quiet time
// before the kiosk checks, 5 s ACK deadline), a real serial line (socat pty pair, 8N2, 9600 baud)
// to the terminal simulator. Target: at most 20 s. Baseline, same run: the same payment with its
// answer delivered, from the booking to the outcome. Runs standalone: `npx tsx bench/terminal-quiet.ts`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './result';
import { round } from './result';
import { priceOrder } from '../common/menu/pricing';
import { menu as menuSchema, storeConfig } from '../common/menu/schema';
import { createDeviceService } from '../electron/host/devices/device-service';
import { startSimulatedDevices } from '../hardware/simulators';

const REPO = join(import.meta.dirname, '..');
export const LOST_ANSWER_TARGET_MS = 20_000;

export async function benchTerminalQuiet(): Promise<BenchResult[]> {
  const directory = mkdtempSync(join(tmpdir(), 'counterpart-bench-terminal-'));
  const devices = await startSimulatedDevices({ directory });
  const store = storeConfig.parse({
    ...(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/store.json'), 'utf8')) as object),
    devices: {
      printer: { path: devices.printerPath, baudRate: devices.printerBaudRate },
      terminal: { path: devices.terminalPath, baudRate: devices.terminalBaudRate, stopBits: devices.terminalStopBits },
    },
  });
  const menu = menuSchema.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/menu.json'), 'utf8')));
  const service = createDeviceService({ store, menu: () => menu, dataDir: directory, emit: () => undefined });
  try {
    /** Pays one order; returns the time from the booking (the terminal's last word) to the host's answer. */
    const pay = async (orderId: string, loseAnswer: boolean): Promise<{ ms: number; result: string }> => {
      let bookedAt = 0;
      devices.terminal.behave({ fault: loseAnswer ? 'lose_answer_after_charge' : 'none', onCharged: () => void (bookedAt = performance.now()) });
      // The host charges only an order it priced and journaled (placeOrder).
      const selection = { kind: 'item' as const, itemId: menu.items[0]!.id, removedIngredientIds: [], options: {}, quantity: 1 };
      const priced = priceOrder(menu, store.tax, 'eat_in', [selection], store.locale);
      const at = new Date().toISOString();
      await service.handlers.placeOrder({
        order: {
          orderId, orderNumber: 'B-001', storeId: store.storeId, kioskId: store.kioskId, menuVersion: menu.version, locale: store.locale, serviceMode: 'eat_in', currency: store.currency,
          lines: [{ lineId: 'l1', selection, title: 'bench', details: [], unitPrice: priced.lines[0]!.unitPrice, total: priced.lines[0]!.total, calories: priced.lines[0]!.calories }],
          taxes: priced.taxes, total: priced.total, paymentMethod: 'card', status: 'placed', placedAt: at, updatedAt: at,
        },
      });
      const outcome = await service.handlers.payByCard({ orderId, paymentKey: `${orderId}#1` });
      return { ms: performance.now() - bookedAt, result: outcome.result };
    };
    const delivered = await pay('00000000-0000-4000-8000-000000000001', false);
    const lost = await pay('00000000-0000-4000-8000-000000000002', true);
    const charges = devices.terminal.charges().length;
    if (delivered.result !== 'approved' || lost.result !== 'approved' || charges !== 2) {
      throw new Error(`bench terminal-quiet: expected two approved payments and two charges, got ${delivered.result}, ${lost.result}, ${charges} charges`);
    }
    return [
      {
        name: 'lost terminal answer: quiet terminal to outcome',
        value: round(lost.ms / 1000, 2),
        unit: 's',
        baseline: round(delivered.ms / 1000, 2),
        target: `<= ${LOST_ANSWER_TARGET_MS / 1000} s`,
        met: lost.ms <= LOST_ANSWER_TARGET_MS,
        note: 'default timings; baseline: the same payment with its answer delivered; one charge each',
      },
    ];
  } finally {
    await service.close();
    await devices.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchTerminalQuiet());
}
