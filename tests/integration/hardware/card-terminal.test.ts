// The ZVT client against the terminal simulator over a real serial line (socat pty pair).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from '../../../hardware/simulators/pty-pair';
import { TerminalSimulator } from '../../../hardware/simulators/terminal-simulator';
import { CardTerminal, type CardTerminalOptions, type TerminalPrompt } from '../../../hardware/terminal/card-terminal';

const options: CardTerminalOptions = { password: '000000', currency: 'EUR', ackTimeoutMs: 1000, resultTimeoutMs: 4000, resolveTimeoutMs: 20_000 };

let directory: string;
let cable: PtyPair;
let simulator: TerminalSimulator;
let terminal: CardTerminal;
const extraClients: CardTerminal[] = [];

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-zvt-'));
  cable = await startPtyPair('terminal', directory);
  simulator = await TerminalSimulator.open({ path: cable.devicePath, baudRate: 9600 });
  terminal = await CardTerminal.open({ path: cable.hostPath, baudRate: 9600 }, options);
});

afterEach(async () => {
  await Promise.allSettled([terminal.close(), ...extraClients.splice(0).map((client) => client.close())]);
  await simulator.close();
  await cable.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('card payment over ZVT', () => {
  it('registers, reports ready, and approves a payment with the terminal prompts shown', async () => {
    await terminal.register();
    expect(await terminal.checkReady()).toEqual({ ready: true, state: 'ok', message: 'ready' });
    const prompts: TerminalPrompt[] = [];
    const result = await terminal.authorize({ paymentKey: 'order-1', amountMinor: 1250, onPrompt: (prompt) => prompts.push(prompt) });
    expect(result.outcome).toBe('approved');
    expect(prompts.map((prompt) => prompt.code)).toEqual(['insert_or_tap_card', 'enter_pin', 'please_wait']);
    expect(result.terminal).toEqual({ resultCode: 0, trace: 1, receiptNumber: 1, cardBrand: 'Visa', authCode: 'A00001', terminalId: '52500001', maskedPan: '4***********1111' });
    expect(simulator.charges()).toMatchObject([{ amountMinor: 1250, trace: 1 }]);
  });

  it('keeps no memory of payments: each call is one authorisation (the host journal makes a payment key pay once)', async () => {
    await terminal.authorize({ paymentKey: 'order-2#1', amountMinor: 990 });
    await terminal.authorize({ paymentKey: 'order-2#2', amountMinor: 990 });
    expect(simulator.received.filter((command) => command === '06 01')).toHaveLength(2);
    expect(simulator.charges()).toHaveLength(2);
  });

  it('reports a decline with its reason and charges nothing', async () => {
    simulator.behave({ outcome: 'decline', declineCode: 51 });
    const result = await terminal.authorize({ paymentKey: 'order-3', amountMinor: 4500 });
    expect(result).toMatchObject({ outcome: 'declined', reason: 'insufficient_funds', terminal: { resultCode: 51 } });
    expect(simulator.charges()).toEqual([]);
  });

  it('aborts when the customer cancels on the kiosk during PIN entry (ECR abort 06 B0)', async () => {
    simulator.behave({ pinDelayMs: 10_000 });
    const result = await terminal.authorize({
      paymentKey: 'order-4',
      amountMinor: 700,
      onPrompt: (prompt) => {
        if (prompt.code === 'enter_pin') void terminal.abort();
      },
    });
    expect(result).toMatchObject({ outcome: 'aborted', reason: 'cancelled', terminal: { resultCode: 0x6c } });
    expect(simulator.received).toContain('06 b0');
    expect(simulator.charges()).toEqual([]);
  });

  it('waits through slow PIN entry, showing the prompts, and approves', async () => {
    simulator.behave({ pinDelayMs: 1500 });
    const prompts: string[] = [];
    const result = await terminal.authorize({ paymentKey: 'order-slow', amountMinor: 450, onPrompt: (prompt) => prompts.push(prompt.code) });
    expect(result.outcome).toBe('approved');
    expect(prompts).toEqual(['insert_or_tap_card', 'enter_pin', 'please_wait']);
    expect(simulator.charges()).toHaveLength(1);
  });

  it('aborts when the customer cancels on the terminal', async () => {
    simulator.behave({ outcome: 'cancel_on_terminal' });
    const result = await terminal.authorize({ paymentKey: 'order-5', amountMinor: 700 });
    expect(result).toMatchObject({ outcome: 'aborted', reason: 'cancelled' });
    expect(simulator.charges()).toEqual([]);
  });

  it('a silent terminal (no acknowledgement) ends as not charged, and the message says what to check', async () => {
    simulator.behave({ fault: 'silent' });
    const result = await terminal.authorize({ paymentKey: 'order-6', amountMinor: 500 });
    expect(result).toMatchObject({ outcome: 'aborted', reason: 'terminal_not_responding' });
    expect(result.message).toContain(cable.hostPath);
    expect(result.message).toMatch(/switched on/);
    expect(simulator.charges()).toEqual([]);
    expect((await terminal.checkReady()).ready).toBe(false);
  });

  it('a terminal that accepts but never finishes is aborted at the result timeout (nothing charged)', async () => {
    simulator.behave({ fault: 'hang' });
    const result = await terminal.authorize({ paymentKey: 'order-7', amountMinor: 500 });
    expect(result).toMatchObject({ outcome: 'aborted', reason: 'cancelled' });
    expect(simulator.received).toContain('06 b0');
    expect(simulator.charges()).toEqual([]);
  });

  it('answer lost after the card was charged: unknown, then resolved as paid by repeat receipt without a second charge', async () => {
    simulator.behave({ fault: 'lose_answer_after_charge' });
    const result = await terminal.authorize({ paymentKey: 'order-8', amountMinor: 1880 });
    expect(result.outcome).toBe('unknown');
    simulator.reset();
    const resolved = await terminal.resolve({ paymentKey: 'order-8', amountMinor: 1880, startedAt: result.startedAt });
    expect(resolved).toMatchObject({ outcome: 'approved', terminal: { trace: 1, receiptNumber: 1 } });
    expect(simulator.received).toContain('06 20');
    expect(simulator.received.filter((command) => command === '06 01')).toHaveLength(1);
    expect(simulator.charges()).toEqual([expect.objectContaining({ amountMinor: 1880 })]);
  });

  it('link lost right after approval (cable pulled), then plugged back: resolved as paid, charged once', async () => {
    simulator.behave({ onCharged: () => cable.unplug() });
    const result = await terminal.authorize({ paymentKey: 'order-9', amountMinor: 2350 });
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'link_lost' });
    simulator.reset();
    await cable.plug();
    const resolved = await terminal.resolve({ paymentKey: 'order-9', amountMinor: 2350, startedAt: result.startedAt });
    expect(resolved.outcome).toBe('approved');
    expect(simulator.charges()).toEqual([expect.objectContaining({ amountMinor: 2350 })]);
    expect(simulator.received.filter((command) => command === '06 01')).toHaveLength(1);
  });

  it('kiosk restarted during payment: a new client resolves the payment as paid, charged once', async () => {
    simulator.behave({ pinDelayMs: 300 });
    const startedAt = new Date().toISOString(); // what payment_pending stored before the request left
    let shutdown: Promise<void> | undefined;
    const first = terminal.authorize({
      paymentKey: 'order-10',
      amountMinor: 1590,
      onPrompt: (prompt) => {
        if (prompt.code === 'enter_pin') shutdown ??= terminal.close(); // the kiosk process dies mid-payment
      },
    });
    expect((await first).outcome).toBe('unknown');
    await shutdown;
    const restarted = await CardTerminal.open({ path: cable.hostPath, baudRate: 9600 }, options);
    extraClients.push(restarted);
    const resolved = await restarted.resolve({ paymentKey: 'order-10', amountMinor: 1590, startedAt });
    expect(resolved, JSON.stringify({ resolved, received: simulator.received, tx: simulator.allTransactions() })).toMatchObject({ outcome: 'approved', terminal: { trace: 1 } });
    expect(simulator.charges()).toHaveLength(1);
  });

  it('a payment that never reached the terminal resolves as not charged, and may then be paid', async () => {
    await terminal.authorize({ paymentKey: 'earlier', amountMinor: 100 });
    const resolved = await terminal.resolve({ paymentKey: 'order-11', amountMinor: 800, startedAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect(resolved.outcome).toBe('not_charged');
    expect((await terminal.authorize({ paymentKey: 'order-11', amountMinor: 800 })).outcome).toBe('approved');
    expect(simulator.charges()).toHaveLength(2);
  });

  it('a last transaction of another amount stays unknown (staff must check)', async () => {
    await terminal.authorize({ paymentKey: 'order-12', amountMinor: 1000 });
    const resolved = await terminal.resolve({ paymentKey: 'order-13', amountMinor: 1200, startedAt: new Date(Date.now() - 5000).toISOString() });
    expect(resolved).toMatchObject({ outcome: 'unknown', terminal: { trace: 1 } });
  });

  it('a payment whose start is unknown (damaged journal): only an approval of its amount decides it; no transaction at all is "not charged"', async () => {
    expect(await terminal.resolve({ paymentKey: 'order-15', amountMinor: 900, startedAt: undefined })).toMatchObject({ outcome: 'not_charged' });
    simulator.behave({ outcome: 'decline' });
    await terminal.authorize({ paymentKey: 'order-16', amountMinor: 900 });
    expect(await terminal.resolve({ paymentKey: 'order-15', amountMinor: 900, startedAt: undefined })).toMatchObject({ outcome: 'not_charged' });
    simulator.behave({ outcome: 'approve' });
    await terminal.authorize({ paymentKey: 'order-17', amountMinor: 900 });
    expect(await terminal.resolve({ paymentKey: 'order-15', amountMinor: 1000, startedAt: undefined })).toMatchObject({ outcome: 'unknown' });
    expect(await terminal.resolve({ paymentKey: 'order-15', amountMinor: 900, startedAt: undefined })).toMatchObject({ outcome: 'approved', terminal: { trace: 1 } });
  });

  it('reverses an approved payment by its receipt number', async () => {
    const result = await terminal.authorize({ paymentKey: 'order-14', amountMinor: 1200 });
    const reversal = await terminal.reverse(result.terminal!.receiptNumber!);
    expect(reversal.reversed).toBe(true);
    expect(simulator.charges()).toEqual([]);
    expect((await terminal.reverse(result.terminal!.receiptNumber!)).reversed).toBe(false);
  });
});
