// ZVT APDUs: CLASS INSTR LEN data. LEN 0xFF means a 2-byte length follows (low byte first).
// Data of most commands is a list of BMP fields: a 1-byte tag with a fixed length,
// or an LL/LLL variable length written as F-digits (0xF1 0xF2 = 12 bytes).
// Pure: no I/O.

export class ZvtFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZvtFormatError';
  }
}

export interface Apdu {
  cls: number;
  ins: number;
  data: Buffer;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ');

export function encodeApdu(cls: number, ins: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  if (data.length > 0xffff) throw new ZvtFormatError(`APDU data too long: ${data.length} bytes`);
  const header = data.length < 0xff ? [cls, ins, data.length] : [cls, ins, 0xff, data.length & 0xff, data.length >>> 8];
  return Buffer.concat([Buffer.from(header), data]);
}

export function decodeApdu(bytes: Uint8Array): Apdu {
  const buffer = Buffer.from(bytes);
  if (buffer.length < 3) throw new ZvtFormatError(`APDU too short: ${buffer.length} bytes (${hex(buffer)})`);
  let length = buffer[2]!;
  let offset = 3;
  if (length === 0xff) {
    if (buffer.length < 5) throw new ZvtFormatError(`APDU with extended length is cut short (${hex(buffer)})`);
    length = buffer[3]! | (buffer[4]! << 8);
    offset = 5;
  }
  if (buffer.length !== offset + length) {
    throw new ZvtFormatError(`APDU ${hex(buffer.subarray(0, 2))} says ${length} data bytes but carries ${buffer.length - offset}`);
  }
  return { cls: buffer[0]!, ins: buffer[1]!, data: buffer.subarray(offset) };
}

// ---------------------------------------------------------------- BCD

/** Packs a non-negative integer into `bytes` BCD bytes (e.g. 1234 in 6 bytes → 00 00 00 00 12 34). */
export function toBcd(value: number, bytes: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new ZvtFormatError(`cannot write ${value} as BCD`);
  const digits = value.toString().padStart(bytes * 2, '0');
  if (digits.length > bytes * 2) throw new ZvtFormatError(`${value} does not fit in ${bytes} BCD bytes`);
  return Buffer.from(digits, 'hex');
}

export function fromBcd(bytes: Uint8Array): number {
  const digits = Buffer.from(bytes).toString('hex');
  if (!/^\d*$/.test(digits)) throw new ZvtFormatError(`not BCD: ${hex(bytes)}`);
  return digits.length === 0 ? 0 : Number.parseInt(digits, 10);
}

// ---------------------------------------------------------------- BMP fields

type FieldFormat = { fixed: number } | { ll: true } | { lll: true } | { tlv: true };

/** BMP tags and their length rules, from the ZVT specification's BMP table. */
const bmpFormats: Record<number, FieldFormat> = {
  0x01: { fixed: 1 }, // timeout
  0x02: { fixed: 1 }, // max. status infos
  0x03: { fixed: 1 }, // service byte
  0x04: { fixed: 6 }, // amount, BCD minor units
  0x05: { fixed: 1 }, // pump number
  0x06: { tlv: true }, // TLV container
  0x0b: { fixed: 3 }, // trace number, BCD
  0x0c: { fixed: 3 }, // time HHMMSS, BCD
  0x0d: { fixed: 2 }, // date MMDD, BCD
  0x0e: { fixed: 2 }, // expiry YYMM, BCD
  0x17: { fixed: 2 }, // card sequence number, BCD
  0x19: { fixed: 1 }, // payment type / status byte
  0x22: { ll: true }, // PAN / EF_ID, BCD with masked digits as E
  0x23: { ll: true }, // track 2
  0x24: { lll: true }, // track 3
  0x27: { fixed: 1 }, // result code
  0x29: { fixed: 4 }, // terminal id, BCD
  0x2a: { fixed: 15 }, // VU number, ASCII
  0x2d: { ll: true }, // track 1
  0x2e: { lll: true }, // sync chip data
  0x37: { fixed: 3 }, // original trace, BCD
  0x3a: { fixed: 2 }, // CVV
  0x3b: { fixed: 8 }, // AID / authorisation code, ASCII
  0x3c: { lll: true }, // additional data / text
  0x3d: { fixed: 3 }, // password
  0x49: { fixed: 2 }, // currency code, BCD
  0x60: { lll: true }, // individual totals
  0x87: { fixed: 2 }, // receipt number, BCD
  0x88: { fixed: 3 }, // turnover number, BCD
  0x8a: { fixed: 1 }, // card type
  0x8b: { ll: true }, // card name, ASCII
  0x8c: { fixed: 1 }, // card type id of the network operator
  0x9a: { lll: true }, // Geldkarte payment record
  0xa0: { fixed: 1 }, // result code AS
  0xa7: { ll: true }, // chip data
  0xaf: { lll: true }, // EF_Info
  0xba: { fixed: 5 }, // AID parameter
  0xd0: { fixed: 1 }, // algorithm key
  0xd1: { ll: true }, // card offset / PIN data
  0xd2: { fixed: 1 }, // DUKPT key identifier
  0xd3: { fixed: 1 }, // DUKPT key type
  0xe0: { fixed: 1 }, // min. PIN length
  0xe1: { ll: true }, // text line 1
  0xe2: { ll: true },
  0xe3: { ll: true },
  0xe4: { ll: true },
  0xe5: { ll: true },
  0xe6: { ll: true },
  0xe7: { ll: true },
  0xe8: { ll: true },
  0xe9: { fixed: 1 }, // max. PIN length
  0xea: { fixed: 1 }, // PIN block length
  0xeb: { fixed: 8 }, // PIN block
  0xf0: { fixed: 1 }, // display duration
  0xf1: { ll: true }, // display text lines
  0xf2: { ll: true },
  0xf3: { ll: true },
  0xf4: { ll: true },
  0xf5: { ll: true },
  0xf6: { ll: true },
  0xf7: { ll: true },
  0xf8: { ll: true },
  0xf9: { fixed: 1 }, // beeps
  0xfa: { fixed: 1 }, // status
  0xfb: { fixed: 1 }, // OK / card inserted
  0xfc: { fixed: 1 }, // input timeout
  0xfd: { fixed: 1 }, // max. input length
  0xfe: { fixed: 1 }, // echo
};

export interface BmpField {
  tag: number;
  value: Buffer;
}

const readFLength = (data: Buffer, offset: number, digits: number, tag: number): number => {
  let length = 0;
  for (let i = 0; i < digits; i++) {
    const byte = data[offset + i];
    if (byte === undefined) throw new ZvtFormatError(`BMP ${tag.toString(16).padStart(2, '0')}: length cut short`);
    if (byte >> 4 !== 0xf || (byte & 0x0f) > 9) throw new ZvtFormatError(`BMP ${tag.toString(16).padStart(2, '0')}: bad length byte 0x${byte.toString(16)}`);
    length = length * 10 + (byte & 0x0f);
  }
  return length;
};

const readTlvLength = (data: Buffer, offset: number): { length: number; size: number } => {
  const first = data[offset];
  if (first === undefined) throw new ZvtFormatError('TLV container: length cut short');
  if (first < 0x80) return { length: first, size: 1 };
  const count = first & 0x7f;
  if (count < 1 || count > 2 || offset + count >= data.length + 1) throw new ZvtFormatError(`TLV container: bad length 0x${first.toString(16)}`);
  let length = 0;
  for (let i = 1; i <= count; i++) {
    const byte = data[offset + i];
    if (byte === undefined) throw new ZvtFormatError('TLV container: length cut short');
    length = (length << 8) | byte;
  }
  return { length, size: 1 + count };
};

/** Splits APDU data into BMP fields; throws on an unknown tag or a field cut short. */
export function parseBmps(data: Uint8Array, start = 0): BmpField[] {
  const buffer = Buffer.from(data);
  const fields: BmpField[] = [];
  let offset = start;
  while (offset < buffer.length) {
    const tag = buffer[offset]!;
    const format = bmpFormats[tag];
    if (!format) throw new ZvtFormatError(`unknown BMP 0x${tag.toString(16).padStart(2, '0')} at byte ${offset}`);
    offset += 1;
    let length: number;
    if ('fixed' in format) length = format.fixed;
    else if ('ll' in format) {
      length = readFLength(buffer, offset, 2, tag);
      offset += 2;
    } else if ('lll' in format) {
      length = readFLength(buffer, offset, 3, tag);
      offset += 3;
    } else {
      const tlv = readTlvLength(buffer, offset);
      length = tlv.length;
      offset += tlv.size;
    }
    if (offset + length > buffer.length) {
      throw new ZvtFormatError(`BMP 0x${tag.toString(16).padStart(2, '0')} needs ${length} bytes, only ${buffer.length - offset} left`);
    }
    fields.push({ tag, value: buffer.subarray(offset, offset + length) });
    offset += length;
  }
  return fields;
}

/** Encodes one BMP field, adding the LL/LLL length where the tag needs one. */
export function encodeBmp(tag: number, value: Uint8Array): Buffer {
  const format = bmpFormats[tag];
  if (!format) throw new ZvtFormatError(`unknown BMP 0x${tag.toString(16)}`);
  const fLength = (length: number, digits: number): number[] =>
    length.toString().padStart(digits, '0').split('').map((digit) => 0xf0 | Number(digit));
  if ('fixed' in format) {
    if (value.length !== format.fixed) throw new ZvtFormatError(`BMP 0x${tag.toString(16)} takes ${format.fixed} bytes, got ${value.length}`);
    return Buffer.concat([Buffer.from([tag]), value]);
  }
  if ('ll' in format) {
    if (value.length > 99) throw new ZvtFormatError(`BMP 0x${tag.toString(16)} too long`);
    return Buffer.concat([Buffer.from([tag, ...fLength(value.length, 2)]), value]);
  }
  if ('lll' in format) {
    if (value.length > 999) throw new ZvtFormatError(`BMP 0x${tag.toString(16)} too long`);
    return Buffer.concat([Buffer.from([tag, ...fLength(value.length, 3)]), value]);
  }
  const lengthBytes = value.length < 0x80 ? [value.length] : value.length < 0x100 ? [0x81, value.length] : [0x82, value.length >> 8, value.length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...lengthBytes]), value]);
}
