// The ZVT client against a terminal simulator as strict as a real terminal, over a real serial line
// (socat pty pair, 8N2): registration before payments, receipts as print lines, an idle terminal's
// 84 83 00, and the transport's repeats after a lost ACK or a NAK.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeConfig } from '../../../common/menu/schema';
import { captureLog, type LoggedEvent } from '../../../electron/host/log';
import { openKioskDevices } from '../../../hardware/devices';
import { startPtyPair, type PtyPair } from '../../../hardware/simulators/pty-pair';
import { TerminalSimulator } from '../../../hardware/simulators/terminal-simulator';
import { CardTerminal, DEFAULT_SILENCE_TIMEOUT_MS, type CardTerminalOptions } from '../../../hardware/terminal/card-terminal';

const line = { baudRate: 9600, stopBits: 2 as const };
const options: CardTerminalOptions = { password: '000000', currency: 'EUR', ackTimeoutMs: 400, resultTimeoutMs: 60_000, silenceTimeoutMs: 600, resolveTimeoutMs: 5000 };

let directory: string;
let cable: PtyPair;
let simulator: TerminalSimulator;
let terminal: CardTerminal;
let logged: LoggedEvent[];

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-zvt-strict-'));
  cable = await startPtyPair('terminal', directory);
  simulator = await TerminalSimulator.open({ path: cable.devicePath, ...line });
  const capture = captureLog();
  logged = capture.events;
  terminal = await CardTerminal.open({ path: cable.hostPath, ...line }, { ...options, log: capture.log });
});

afterEach(async () => {
  await terminal.close();
  await simulator.close();
  await cable.stop();
  rmSync(directory, { recursive: true, force: true });
});

const commands = (): string[] => simulator.received.filter((command) => command !== '80 00');

describe('a strict terminal', () => {
  it('takes a payment only after a registration: the kiosk registers first, by itself', async () => {
    expect(simulator.registered).toBe(false);
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 500 })).toMatchObject({ outcome: 'approved' });
    expect(commands()).toEqual(['06 00', '06 01']);
    expect(simulator.registered).toBe(true);
    expect(logged.filter((event) => event.event === 'terminal_registered')).toHaveLength(1);
  });

  it('switched off: no payment is sent unregistered; switched on: registered at the next status check', async () => {
    simulator.switchOff();
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 500 })).toMatchObject({ outcome: 'aborted', reason: 'terminal_not_responding' });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'terminal_registration_failed' }));
    expect(simulator.received).not.toContain('06 01');
    simulator.switchOn();
    expect(await terminal.checkReady()).toMatchObject({ ready: true, state: 'ok' });
    expect(commands()).toEqual(['06 00', '05 01']);
    expect(await terminal.authorize({ paymentKey: 'k2', amountMinor: 500 })).toMatchObject({ outcome: 'approved' });
    expect(simulator.charges()).toHaveLength(1);
  });

  it('sends its cardholder receipt as print lines (06 D1) to a kiosk registered to print it; approvals and declines', async () => {
    const approved = await terminal.authorize({ paymentKey: 'k1', amountMinor: 1250 });
    expect(approved.receipt).toContain('Zahlung erfolgt / Approved');
    expect(approved.receipt).toContain('Betrag / Amount  EUR 12,50');
    simulator.behave({ outcome: 'decline', declineCode: 5 });
    const declined = await terminal.authorize({ paymentKey: 'k2', amountMinor: 700 });
    expect(declined).toMatchObject({ outcome: 'declined', terminal: { resultCode: 5 } });
    expect(declined.receipt).toContain('Abgelehnt / Declined (5)');
    expect(simulator.keptReceipts).toEqual([]);
  });

  it('goes quiet after booking: the kiosk checks after the configured quiet time, the idle terminal answers 84 83 00, and the last receipt confirms one charge', async () => {
    simulator.behave({ fault: 'lose_answer_after_charge' });
    const checking: string[] = [];
    const result = await terminal.authorize({ paymentKey: 'k1', amountMinor: 1880, onPrompt: (prompt) => checking.push(prompt.code), onChecking: () => checking.push('checking') });
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'no_result', terminalIdle: true });
    expect(checking).toEqual(['insert_or_tap_card', 'enter_pin', 'please_wait', 'checking']);
    expect(commands()).toEqual(['06 00', '06 01', '06 b0']);
    const resolved = await terminal.resolve({ paymentKey: 'k1', amountMinor: 1880, startedAt: result.startedAt });
    expect(resolved).toMatchObject({ outcome: 'approved', terminal: { trace: 1 } });
    expect(simulator.charges()).toHaveLength(1);
    // The default quiet time leaves room for the check within the 20 s the customer may wait.
    expect(DEFAULT_SILENCE_TIMEOUT_MS + 4 * (options.ackTimeoutMs ?? 0)).toBeLessThanOrEqual(20_000);
  });

  it('a slow customer is not cut off: the terminal repeats its prompt while the PIN is entered, so it is never quiet', async () => {
    simulator.behave({ pinDelayMs: 2000, statusRepeatMs: 250 });
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 450 })).toMatchObject({ outcome: 'approved' });
    expect(simulator.received).not.toContain('06 b0');
  });

  it('an abort with nothing running is answered 84 83 00: the customer cancels after the booking whose answer was lost, and the kiosk knows at once', async () => {
    simulator.behave({ fault: 'lose_answer_after_charge', onCharged: () => void terminal.abort() });
    const result = await terminal.authorize({ paymentKey: 'k1', amountMinor: 300 });
    expect(result).toMatchObject({ outcome: 'unknown', terminalIdle: true });
    // One abort, the customer's: its 84 83 00 ended the wait before the kiosk's own check was due.
    expect(commands()).toEqual(['06 00', '06 01', '06 b0']);
    expect(logged.filter((event) => event.event === 'terminal_quiet')).toEqual([]);
    expect(simulator.charges()).toHaveLength(1);
  });
});

describe('the ZVT line', () => {
  it('a frame lost on the line is repeated after the missing ACK (two repeats, three transmissions in all)', async () => {
    await terminal.register();
    const before = simulator.framesReceived;
    simulator.disturbLine({ lose: 2 });
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 500 })).toMatchObject({ outcome: 'approved' });
    // 06 01 three times (two lost), then the ECR's own ACKs of the terminal's messages.
    expect(simulator.received.filter((command) => command === '06 01')).toHaveLength(1);
    expect(simulator.framesReceived - before).toBeGreaterThanOrEqual(3);
    expect(logged.filter((event) => event.event === 'zvt_frame_repeated')).toHaveLength(2);
    expect(simulator.charges()).toHaveLength(1);
  });

  it('three transmissions without an ACK: given up, nothing charged', async () => {
    await terminal.register();
    const before = simulator.framesReceived;
    simulator.disturbLine({ lose: 3 });
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 500 })).toMatchObject({ outcome: 'aborted', reason: 'terminal_not_responding' });
    expect(simulator.framesReceived - before).toBe(3);
    expect(simulator.charges()).toEqual([]);
  });

  it('after a NAK the frame is sent again, three transmissions in all, never a fourth', async () => {
    await terminal.register();
    let before = simulator.framesReceived;
    simulator.disturbLine({ nak: 2 });
    expect(await terminal.authorize({ paymentKey: 'k1', amountMinor: 500 })).toMatchObject({ outcome: 'approved' });
    expect(simulator.received.filter((command) => command === '06 01')).toHaveLength(1);
    before = simulator.framesReceived;
    simulator.disturbLine({ nak: 5 });
    const refused = await terminal.authorize({ paymentKey: 'k2', amountMinor: 500 });
    expect(refused).toMatchObject({ outcome: 'aborted', reason: 'terminal_not_responding' });
    expect(refused.message).toMatch(/rejected the frame 3 times/);
    expect(simulator.framesReceived - before).toBe(3);
    expect(simulator.charges()).toHaveLength(1);
  });

  it('8N2 by default: the store config and the simulated devices use two stop bits for the terminal', async () => {
    const config = storeConfig.parse({
      storeId: 's',
      storeName: 'S',
      kioskId: 'k',
      orderPrefix: 'B',
      locale: 'en',
      currency: 'EUR',
      tax: { rates: [{ id: 'r', label: { en: 'VAT' }, basisPoints: 700 }], classes: {} },
      devices: { terminal: { path: '/dev/ttyUSB1' }, printer: { path: '/dev/ttyUSB0' } },
    });
    expect(config.devices.terminal).toMatchObject({ dataBits: 8, parity: 'none', stopBits: 2 });
    expect(config.devices.printer).toMatchObject({ stopBits: 1 });
    const devices = await openKioskDevices({ devices: {}, currency: 'EUR' });
    try {
      expect(devices.terminal.line.options).toMatchObject({ stopBits: 2 });
      expect(devices.simulated!.terminal.line.options).toMatchObject({ stopBits: 2 });
    } finally {
      await devices.close();
    }
  });
});
