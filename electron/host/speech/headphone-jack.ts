// The kiosk's own headphone socket, as Linux reports it: an input device (evdev) that sends
// a switch event SW_HEADPHONE_INSERT when a plug goes in (value 1) or out (value 0).
// The device is named in the store config (accessibility.headphoneJackDevice), e.g. the
// "HDA Intel PCH Headphone" entry under /dev/input/by-path/. A missing or unreadable device
// is logged and ignored: the keypad's start key still starts speech mode.
import { createReadStream, type ReadStream } from 'node:fs';
import type { Logger } from '../log';

/** linux/input-event-codes.h */
const EV_SW = 0x05;
const SW_HEADPHONE_INSERT = 0x02;

/**
 * struct input_event: a struct timeval (two longs), then type (u16), code (u16), value (s32).
 * 24 bytes where a long has 64 bits, 16 where it has 32.
 */
export const inputEventSize = (arch: string = process.arch): number => (['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'].includes(arch) ? 24 : 16);

export interface InputEvent {
  type: number;
  code: number;
  value: number;
}

/** Splits a byte stream into input events; keeps a partial event for the next chunk. */
export function inputEventParser(size = inputEventSize()) {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer): InputEvent[] => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const events: InputEvent[] = [];
    let offset = 0;
    for (; offset + size <= pending.length; offset += size) {
      const base = offset + size - 8;
      events.push({ type: pending.readUInt16LE(base), code: pending.readUInt16LE(base + 2), value: pending.readInt32LE(base + 4) });
    }
    pending = pending.subarray(offset);
    return events;
  };
}

/** One event as the kernel writes it (time zero): for tests and simulators. */
export function encodeInputEvent(event: InputEvent, size = inputEventSize()): Buffer {
  const buffer = Buffer.alloc(size);
  buffer.writeUInt16LE(event.type, size - 8);
  buffer.writeUInt16LE(event.code, size - 6);
  buffer.writeInt32LE(event.value, size - 4);
  return buffer;
}

export const headphoneEvent = (plugged: boolean): InputEvent => ({ type: EV_SW, code: SW_HEADPHONE_INSERT, value: plugged ? 1 : 0 });

export interface HeadphoneJackWatch {
  close(): void;
}

export function watchHeadphoneJack(device: string, options: { onChange(plugged: boolean): void; log: Logger }): HeadphoneJackWatch {
  const parse = inputEventParser();
  let stream: ReadStream | undefined;
  let closed = false;
  try {
    stream = createReadStream(device);
  } catch (error) {
    options.log.warn({ event: 'headphone_jack_unavailable', device, reason: String(error) }, 'cannot watch the headphone socket');
    return { close() {} };
  }
  stream.on('open', () => options.log.info({ event: 'headphone_jack_watching', device }, 'watching the headphone socket'));
  stream.on('data', (chunk) => {
    for (const event of parse(chunk as Buffer)) {
      if (event.type === EV_SW && event.code === SW_HEADPHONE_INSERT) options.onChange(event.value !== 0);
    }
  });
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    options.log.warn({ event: 'headphone_jack_unavailable', device, code: error.code, reason: error.message }, 'cannot watch the headphone socket');
  });
  return {
    close() {
      closed = true;
      stream?.destroy();
    },
  };
}
