// CRC of the ZVT serial transport: CRC-16/CCITT in its reflected form
// (polynomial 0x8408, initial value 0, no final XOR; the catalogue calls it CRC-16/KERMIT),
// computed over the unstuffed APDU followed by ETX and sent low byte first.
const table = (() => {
  const entries = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    entries[byte] = crc;
  }
  return entries;
})();

export function crc16Zvt(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = (crc >>> 8) ^ table[(crc ^ byte) & 0xff]!;
  return crc;
}
