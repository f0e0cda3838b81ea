// The devices as the kiosk host opens them: from the store config, or the simulators when none
// are configured – then a whole payment and its receipt, end to end over the serial lines.
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDevices, type KioskDevices } from '../../../hardware/devices';
import type { CustomerReceipt } from '../../../hardware/printer/receipt-model';

let devices: KioskDevices | undefined;

afterEach(async () => {
  await devices?.close();
  devices = undefined;
});

describe('kiosk devices', () => {
  it('without configured ports, runs on the simulators: pay by card, then print the receipt with the terminal data', async () => {
    devices = await openKioskDevices({ devices: {}, currency: 'EUR' });
    expect(devices.simulated).toBeDefined();
    expect((await devices.printer.readiness()).canPrint).toBe(true);
    expect((await devices.terminal.checkReady()).ready).toBe(true);

    const orderId = '0b9f7d3a-2c61-4e58-8a47-93d1c2b0e6f5';
    const payment = await devices.terminal.authorize({ paymentKey: `${orderId}#1`, amountMinor: 849 });
    expect(payment.outcome).toBe('approved');

    const receipt: CustomerReceipt = {
      kind: 'receipt',
      orderId,
      orderNumber: 'C-001',
      store: { name: 'Test Store', address: [] },
      currency: 'EUR',
      locale: 'en-IE',
      timeZone: 'Europe/Dublin',
      createdAt: new Date().toISOString(),
      serviceMode: 'eat_in',
      lines: [{ quantity: 1, name: 'Soup of the day', details: [], totalMinor: 849, taxKey: 'A' }],
      taxes: [{ key: 'A', ratePercent: 13.5, netMinor: 748, taxMinor: 101, grossMinor: 849 }],
      totalMinor: 849,
      payment: { method: 'card', amountMinor: 849, terminal: payment.terminal },
    };
    expect(await devices.printer.print({ jobId: `${orderId}:receipt`, document: receipt })).toMatchObject({ outcome: 'printed' });

    const printed = devices.simulated!.printer.lastDocument()!;
    expect(printed.qrCodes).toEqual([orderId]);
    expect(printed.text).toContain('C-001');
    expect(printed.text).toContain('Card                 Visa 4***********1111');
    expect(printed.text).toContain('Auth code                           A00001');
    expect(devices.simulated!.terminal.charges()).toHaveLength(1);
  });

  it('a configured port that does not exist fails with the port and what to check', async () => {
    await expect(
      openKioskDevices({
        devices: {
          printer: { path: '/dev/ttyCOUNTERPART404', baudRate: 38400, dataBits: 8, parity: 'none', stopBits: 1, model: 'epson' },
          terminal: { path: '/dev/ttyCOUNTERPART405', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, password: '000000' },
        },
        currency: 'EUR',
      }),
    ).rejects.toThrow('/dev/ttyCOUNTERPART404: not found – is the printer plugged in and the path in the store config right?');
  });
});
