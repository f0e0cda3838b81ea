import { describe, expect, it } from 'vitest';
import { decodeApdu, encodeApdu, encodeBmp, fromBcd, parseBmps, toBcd, ZvtFormatError } from '../../../hardware/terminal/zvt/apdu';
import {
  decodeIntermediateStatus,
  decodeMaskedPan,
  decodeStatusInformation,
  describeResultCode,
  encode,
  encodeStatusInformation,
  kioskConfigByte,
} from '../../../hardware/terminal/zvt/messages';
import { terminalTimestamp } from '../../../hardware/terminal/card-terminal';

const bytes = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('APDU', () => {
  it('encodes CLASS INSTR LEN data and decodes it back', () => {
    expect(encodeApdu(0x06, 0x0f, bytes('27 00'))).toEqual(bytes('06 0f 02 27 00'));
    expect(decodeApdu(bytes('06 0f 02 27 00'))).toEqual({ cls: 0x06, ins: 0x0f, data: bytes('27 00') });
  });

  it('uses the extended length (FF, low byte, high byte) for 255 bytes and more', () => {
    const data = Buffer.alloc(300, 0x20);
    const apdu = encodeApdu(0x06, 0xd3, data);
    expect(apdu.subarray(0, 5)).toEqual(bytes('06 d3 ff 2c 01'));
    expect(decodeApdu(apdu).data.length).toBe(300);
  });

  it('rejects APDUs that are too short or whose length does not match', () => {
    expect(() => decodeApdu(bytes('80 00'))).toThrow(ZvtFormatError);
    expect(() => decodeApdu(bytes('06 0f 03 27 00'))).toThrow(/says 3 data bytes but carries 2/);
    expect(() => decodeApdu(bytes('06 d3 ff 2c'))).toThrow(/cut short/);
  });
});

describe('BCD and BMP fields', () => {
  it('writes amounts as 6-byte BCD of minor units', () => {
    expect(toBcd(1250, 6)).toEqual(bytes('00 00 00 00 12 50'));
    expect(fromBcd(bytes('00 00 00 01 23 45'))).toBe(12345);
    expect(() => toBcd(1_000_000_000_000, 6)).toThrow(/does not fit/);
    expect(() => toBcd(-1, 6)).toThrow();
    expect(() => fromBcd(bytes('1a'))).toThrow(/not BCD/);
  });

  it('writes LL variables with F-digits and reads them back', () => {
    expect(encodeBmp(0x8b, Buffer.from('Visa\0'))).toEqual(bytes('8b f0 f5 56 69 73 61 00'));
    expect(parseBmps(bytes('8b f0 f5 56 69 73 61 00 27 00'))).toEqual([
      { tag: 0x8b, value: Buffer.from('Visa\0') },
      { tag: 0x27, value: bytes('00') },
    ]);
  });

  it('rejects unknown tags, bad length digits and fields cut short', () => {
    expect(() => parseBmps(bytes('ff 00'))).toThrow(/unknown BMP 0xff/);
    expect(() => parseBmps(bytes('8b f0 a5 00'))).toThrow(/bad length byte/);
    expect(() => parseBmps(bytes('04 00 00 12'))).toThrow(/needs 6 bytes, only 3 left/);
    expect(() => parseBmps(bytes('22 f1'))).toThrow(/length cut short/);
  });
});

describe('ECR commands', () => {
  it('Registration 06 00: password BCD, config byte, currency code', () => {
    expect(encode.registration('123456', kioskConfigByte, 'EUR')).toEqual(bytes('06 00 06 12 34 56 3e 09 78'));
    expect(() => encode.registration('12345', 0, 'EUR')).toThrow(/6 digits/);
  });

  it('Authorisation 06 01: amount (BMP 04) as BCD from minor units and currency (BMP 49)', () => {
    expect(encode.authorisation(1250, 'EUR')).toEqual(bytes('06 01 0a 04 00 00 00 00 12 50 49 09 78'));
    expect(() => encode.authorisation(0, 'EUR')).toThrow(/positive/);
    expect(() => encode.authorisation(12.5, 'EUR')).toThrow(/whole number/);
    expect(() => encode.authorisation(100, 'XYZ')).toThrow(/not supported/);
  });

  it('Reversal 06 30 by receipt number, Repeat receipt 06 20, Status enquiry 05 01, Abort 06 B0, ACK 80 00 00', () => {
    expect(encode.reversal('000000', 42)).toEqual(bytes('06 30 06 00 00 00 87 00 42'));
    expect(encode.repeatReceipt('000000')).toEqual(bytes('06 20 03 00 00 00'));
    expect(encode.statusEnquiry('000000')).toEqual(bytes('05 01 03 00 00 00'));
    expect(encode.ecrAbort()).toEqual(bytes('06 b0 00'));
    expect(encode.positiveAck()).toEqual(bytes('80 00 00'));
  });
});

describe('terminal messages', () => {
  const statusInformation = bytes(
    // 27 result 00, 04 amount 12.50, 0B trace 000123, 0C time 12:34:56, 0D date 11-25,
    // 22 PAN LLVAR (8 bytes: 4 E E … 1 1 1 1), 29 TID, 3B auth code, 87 receipt 0042, 8A card type, 8B card name
    '27 00 04 00 00 00 00 12 50 0b 00 01 23 0c 12 34 56 0d 11 25 22 f0 f8 4e ee ee ee ee ee 11 11 29 52 50 00 01 3b 41 42 43 31 32 33 00 00 87 00 42 8a 0a 8b f0 f5 56 69 73 61 00',
  );

  it('decodes Status information 04 0F into transaction details with a masked PAN only', () => {
    expect(decodeStatusInformation(statusInformation)).toEqual({
      resultCode: 0,
      amountMinor: 1250,
      trace: 123,
      terminalTime: '123456',
      terminalDate: '1125',
      maskedPan: '4***********1111',
      terminalId: '52500001',
      authCode: 'ABC123',
      receiptNumber: 42,
      cardType: 10,
      cardName: 'Visa',
    });
  });

  it('encodes the same layout it decodes (simulator and client share it)', () => {
    const details = decodeStatusInformation(statusInformation);
    const apdu = encodeStatusInformation({ ...details, maskedPanNibbles: '4EEEEEEEEEEE1111' });
    expect(decodeStatusInformation(decodeApdu(apdu).data)).toEqual(details);
  });

  it('drops F padding of an odd-length PAN and masks an unmasked PAN itself', () => {
    expect(decodeMaskedPan(bytes('67 ee ee ee ee ee 12 3f'))).toBe('67**********123');
    expect(decodeMaskedPan(bytes('41 11 11 11 11 11 11 11'))).toBe('************1111');
  });

  it('rejects status information without a result code or with a cut-off field', () => {
    expect(() => decodeStatusInformation(bytes('04 00 00 00 00 12 50'))).toThrow(/without result code/);
    expect(() => decodeStatusInformation(bytes('27 00 0b 00 01'))).toThrow(/needs 3 bytes/);
  });

  it('maps intermediate status 04 FF to customer prompts', () => {
    expect(decodeIntermediateStatus(bytes('0a'))).toEqual({ code: 'insert_or_tap_card', text: 'Insert or tap your card', terminalCode: 0x0a });
    expect(decodeIntermediateStatus(bytes('01')).code).toBe('enter_pin');
    expect(decodeIntermediateStatus(bytes('0e')).code).toBe('please_wait');
    expect(decodeIntermediateStatus(bytes('0b')).code).toBe('remove_card');
    expect(decodeIntermediateStatus(bytes('15')).code).toBe('incorrect_pin');
    expect(decodeIntermediateStatus(bytes('99')).code).toBe('other');
    expect(() => decodeIntermediateStatus(Buffer.alloc(0))).toThrow(/without a status byte/);
  });

  it('turns result codes into decline reasons', () => {
    expect(describeResultCode(5)).toEqual({ reason: 'declined_by_bank', text: 'Declined by your bank (code 5)' });
    expect(describeResultCode(51).reason).toBe('insufficient_funds');
    expect(describeResultCode(0x6c).reason).toBe('cancelled');
    expect(describeResultCode(0x78).reason).toBe('card_expired');
    expect(describeResultCode(0x64).reason).toBe('card_not_readable');
    expect(describeResultCode(0xff).reason).toBe('terminal_error');
  });
});

describe('terminal timestamps (MMDD + HHMMSS, no year)', () => {
  it('places the time in the year nearest to the reference, also across new year', () => {
    const reference = new Date(2027, 0, 1, 0, 0, 30);
    expect(terminalTimestamp('1231', '235959', reference)).toEqual(new Date(2026, 11, 31, 23, 59, 59));
    expect(terminalTimestamp('0101', '000010', reference)).toEqual(new Date(2027, 0, 1, 0, 0, 10));
    expect(terminalTimestamp('13x1', '000000', reference)).toBeUndefined();
  });
});
