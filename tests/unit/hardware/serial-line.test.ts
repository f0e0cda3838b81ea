import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { SerialLine } from '../../../hardware/serial/serial-line';
import { describeSerialError, SerialPortError } from '../../../hardware/serial/errors';

const MockBinding = SerialPortMock.binding;
type MockPortBinding = { emitData(data: Buffer): void; recording: Buffer };

describe('serial line', () => {
  const path = '/dev/ttyMOCK0';
  const open: SerialLine[] = [];

  beforeEach(() => {
    MockBinding.reset();
    MockBinding.createPort(path, { echo: false, record: true });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((line) => line.close()));
  });

  const openLine = async (device = 'printer'): Promise<SerialLine> => {
    const line = await SerialLine.open({ path, baudRate: 38400, binding: MockBinding, device, reconnect: false, timeoutMs: 100 });
    open.push(line);
    return line;
  };

  it('allows one owner per port and says who holds it', async () => {
    await openLine('printer');
    await expect(openLine('card terminal')).rejects.toThrow(`${path}: already open in this process by the printer`);
  });

  it('frees the port on close, so it can be opened again', async () => {
    const line = await openLine();
    await line.close();
    await line.close(); // twice is fine
    expect((await openLine()).state).toBe('open');
  });

  it('writes bytes and reads exactly the bytes asked for', async () => {
    const line = await openLine();
    await line.write(Buffer.from([0x10, 0x04, 0x01]));
    expect((line.bindingPort as MockPortBinding).recording).toEqual(Buffer.from([0x10, 0x04, 0x01]));
    (line.bindingPort as MockPortBinding).emitData(Buffer.from([0x12, 0x16]));
    expect(await line.read(1)).toEqual(Buffer.from([0x12]));
    expect(await line.read(1)).toEqual(Buffer.from([0x16]));
  });

  it('times out a read with the port name, the byte count and what to check', async () => {
    const line = await openLine();
    await expect(line.read(4, 50)).rejects.toThrow(`${path}: no answer within 50 ms (got 0 of 4 bytes) – is the printer switched on, and does its baud rate match?`);
  });

  it('refuses to write to a closed port and says so', async () => {
    const line = await openLine();
    await line.close();
    await expect(line.write(Buffer.from([0x0a]))).rejects.toThrow(/cannot write: the port is closed/);
  });

  it('reports an unknown port as not found with the device name', async () => {
    await expect(SerialLine.open({ path: '/dev/ttyNOPE', baudRate: 9600, binding: MockBinding, device: 'printer' })).rejects.toThrow(SerialPortError);
  });
});

describe('serial error messages', () => {
  it('name the port and what to check', () => {
    expect(describeSerialError('/dev/ttyUSB0', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), 'printer').message).toBe(
      '/dev/ttyUSB0: permission denied – is the user in the dialout group?',
    );
    expect(describeSerialError('/dev/ttyUSB0', new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'), 'printer').message).toBe(
      '/dev/ttyUSB0: not found – is the printer plugged in and the path in the store config right?',
    );
    expect(describeSerialError('/dev/ttyS1', new Error('Error Resource temporarily unavailable Cannot lock port'), 'card terminal').kind).toBe('busy');
    expect(describeSerialError('/dev/ttyS1', new Error('Input/output error'), 'card terminal').message).toContain('the card terminal went away');
    expect(describeSerialError('/dev/ttyS1', new Error('weird'), 'card terminal').message).toContain('check the cable, power and the port settings');
  });
});
