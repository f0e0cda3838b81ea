// Print blocks → printer bytes, using node-thermal-printer purely as a byte builder
// (EPSON ESC/POS or STAR line mode). Our serial layer writes the bytes.
// Pitfalls of node-thermal-printer 4.6.1 handled here: the buffer is cleared per job; text goes out in
// CP858 (euro sign 0xD5), never UTF-8; bold is set after the size (size commands reset it);
// ESC @ resets the code page, so the code page is selected again after it; STAR's printQR lacks the data
// header, so STAR QR bytes are written here; EPSON's printQR counts characters, so QR data must be ASCII.
import iconv from 'iconv-lite';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { columns, defaultLineWidth, wrap, type PrintBlock } from './receipt-layout';

export type PrinterModel = 'epson' | 'star';

export const receiptCodePage = 'CP858';

/** Keeps text inside CP858: accents are dropped where needed, anything else becomes '?'. */
export function toCodePage(text: string): string {
  let result = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80 || iconv.decode(iconv.encode(char, receiptCodePage), receiptCodePage) === char) {
      result += char;
      continue;
    }
    const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    result += base && iconv.decode(iconv.encode(base, receiptCodePage), receiptCodePage) === base ? base : '?';
  }
  return result;
}

/** node-thermal-printer needs an interface; ours only builds bytes and refuses to send them itself. */
const bytesOnly = {
  getPrinterName: () => 'byte builder',
  isPrinterConnected: async () => false,
  execute: async () => {
    throw new Error('node-thermal-printer is used only to build bytes; ReceiptPrinter writes them over the serial line');
  },
};

const starQr = (data: string): Buffer => {
  const bytes = Buffer.from(data, 'ascii');
  return Buffer.concat([
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30, 0x02]), // model 2
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x31, 0x01]), // error correction M
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x32, 0x05]), // cell size 5 dots
    Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, bytes.length & 0xff, bytes.length >> 8]), // data header (missing in the library)
    bytes,
    Buffer.from([0x1b, 0x1d, 0x79, 0x50, 0x0a]), // print
  ]);
};

export class ReceiptEncoder {
  private readonly printer: ThermalPrinter;

  constructor(
    readonly model: PrinterModel,
    readonly width = defaultLineWidth,
  ) {
    this.printer = new ThermalPrinter({
      type: model === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
      interface: bytesOnly as unknown as string,
      width,
      characterSet: CharacterSet.PC858_EURO,
      breakLine: BreakLine.NONE,
    });
  }

  encode(blocks: PrintBlock[]): Buffer {
    const p = this.printer;
    p.clear();
    p.add(Buffer.from([0x1b, 0x40])); // ESC @ (same for EPSON and STAR): a known state for every job
    p.setCharacterSet(CharacterSet.PC858_EURO);
    try {
      for (const block of blocks) this.add(block);
      p.cut({ verticalTabAmount: 1 });
      return Buffer.from(p.getBuffer());
    } finally {
      p.clear();
    }
  }

  private add(block: PrintBlock): void {
    const p = this.printer;
    switch (block.kind) {
      case 'text': {
        if (block.align === 'center') p.alignCenter();
        else if (block.align === 'right') p.alignRight();
        else p.alignLeft();
        const large = block.size === 'large';
        if (large) p.setTextQuadArea();
        else p.setTextNormal();
        if (block.bold) p.bold(true); // after the size: size commands reset emphasis
        for (const line of wrap(block.text, large ? Math.floor(this.width / 2) : this.width)) p.println(toCodePage(line));
        if (block.bold) p.bold(false);
        if (large) p.setTextNormal();
        p.alignLeft();
        return;
      }
      case 'columns':
        p.alignLeft();
        p.setTextNormal();
        if (block.bold) p.bold(true);
        for (const line of columns(toCodePage(block.left), toCodePage(block.right), this.width)) p.println(line);
        if (block.bold) p.bold(false);
        return;
      case 'rule':
        p.drawLine('-');
        return;
      case 'feed':
        for (let i = 0; i < block.lines; i++) p.newLine();
        return;
      case 'qr': {
        if (!/^[\x20-\x7e]+$/.test(block.data)) throw new Error(`QR data must be printable ASCII, got ${JSON.stringify(block.data)}`);
        p.alignCenter();
        if (this.model === 'star') p.add(starQr(block.data));
        else {
          p.printQR(block.data, { cellSize: 5, correction: 'M', model: 2 });
          p.newLine();
        }
        p.alignLeft();
        return;
      }
    }
  }
}
