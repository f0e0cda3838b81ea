// The ZVT serial transport over a SerialLine, for either end (the kiosk as ECR, the simulator as PT):
// frames out with an acknowledgement deadline, repeated after a NAK or a missing ACK – two repeats,
// three transmissions in all, as ZVT allows – and frames in acknowledged with ACK (or NAK when
// damaged) and queued as APDUs.
import { silentLogger, type Logger } from '../../log';
import type { SerialLine, LineState } from '../../serial/serial-line';
import { decodeApdu, hex, type Apdu } from './apdu';
import { ACK, encodeFrame, FrameDecoder, NAK, type FrameEvent } from './framing';

export class ZvtLinkError extends Error {
  constructor(
    readonly kind: 'no_ack' | 'nak' | 'timeout' | 'link_lost',
    message: string,
  ) {
    super(message);
    this.name = 'ZvtLinkError';
  }
}

export interface ZvtLinkOptions {
  /** Deadline for the ACK of a frame (the specification's T3, about 5 s). */
  ackTimeoutMs?: number;
  /** A frame cut short is dropped (and NAKed) after this much silence. */
  interByteTimeoutMs?: number;
  /** How often a frame is repeated after a NAK or a missing ACK (ZVT: 2, so 3 transmissions in all). */
  maxRepeats?: number;
  /** Every frame in and out (hex) at trace level, damaged frames at warn. */
  log?: Logger;
}

export class ZvtLink {
  private readonly decoder = new FrameDecoder();
  private readonly inbox: Apdu[] = [];
  private inboxWaiter: (() => void) | undefined;
  private ackWaiter: ((event: 'ack' | 'nak' | 'lost') => void) | undefined;
  private writeChain: Promise<void> = Promise.resolve();
  private sendChain: Promise<void> = Promise.resolve();
  private interByteTimer: NodeJS.Timeout | undefined;
  private detached = false;
  private readonly ackTimeoutMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly maxRepeats: number;
  private readonly log: Logger;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  private readonly onState = (state: LineState): void => {
    if (state !== 'open') {
      this.decoder.reset();
      this.ackWaiter?.('lost');
      this.wakeInbox();
    }
  };

  constructor(
    readonly line: SerialLine,
    options: ZvtLinkOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 1000;
    this.maxRepeats = options.maxRepeats ?? 2;
    this.log = options.log ?? silentLogger;
    line.on('data', this.onData);
    line.on('state', this.onState);
  }

  detach(): void {
    this.detached = true;
    this.line.off('data', this.onData);
    this.line.off('state', this.onState);
    clearTimeout(this.interByteTimer);
    this.ackWaiter?.('lost');
    this.wakeInbox();
  }

  private writeRaw(bytes: Buffer): Promise<void> {
    const next = this.writeChain.then(() => this.line.write(bytes));
    this.writeChain = next.catch(() => undefined);
    return next;
  }

  private receive(chunk: Buffer): void {
    if (this.mute) return;
    clearTimeout(this.interByteTimer);
    for (const event of this.decoder.push(chunk)) this.handle(event);
    if (this.decoder.inFrame) {
      this.interByteTimer = setTimeout(() => {
        const event = this.decoder.abandon();
        if (event) this.handle(event);
      }, this.interByteTimeoutMs);
    }
  }

  private handle(event: FrameEvent): void {
    switch (event.type) {
      case 'ack':
      case 'nak':
        this.ackWaiter?.(event.type);
        return;
      case 'noise':
        return;
      case 'bad_frame':
        this.log.warn({ event: 'zvt_bad_frame', port: this.line.path, reason: event.reason }, 'damaged frame, answered NAK');
        this.writeRaw(Buffer.from([NAK])).catch(() => undefined);
        return;
      case 'frame': {
        this.framesReceived += 1;
        if (this.dropFrames > 0) {
          this.dropFrames -= 1; // lost on the line: the sender hears nothing
          return;
        }
        if (this.nakFrames > 0) {
          this.nakFrames -= 1;
          this.writeRaw(Buffer.from([NAK])).catch(() => undefined);
          return;
        }
        let apdu: Apdu;
        try {
          apdu = decodeApdu(event.apdu);
        } catch (error) {
          this.log.warn({ event: 'zvt_bad_frame', port: this.line.path, reason: (error as Error).message }, 'unreadable APDU, answered NAK');
          this.writeRaw(Buffer.from([NAK])).catch(() => undefined);
          return;
        }
        this.log.trace({ event: 'zvt_frame', port: this.line.path, direction: 'in', apdu: hex(event.apdu) }, 'frame in');
        this.writeRaw(Buffer.from([ACK])).catch(() => undefined);
        this.inbox.push(apdu);
        this.wakeInbox();
        return;
      }
    }
  }

  private wakeInbox(): void {
    const waiter = this.inboxWaiter;
    this.inboxWaiter = undefined;
    waiter?.();
  }

  /** Sends one APDU and waits for its ACK, repeating it after a NAK or a missing ACK. Sends queue up: one frame awaits its ACK at a time. */
  send(apdu: Buffer): Promise<void> {
    const next = this.sendChain.then(() => this.sendNow(apdu));
    this.sendChain = next.catch(() => undefined);
    return next;
  }

  private async sendNow(apdu: Buffer): Promise<void> {
    const frame = encodeFrame(apdu);
    let last: 'nak' | 'timeout' = 'timeout';
    for (let attempt = 0; attempt <= this.maxRepeats; attempt++) {
      if (this.line.state !== 'open') throw new ZvtLinkError('link_lost', `${this.line.path}: the card terminal line is ${this.line.state} – check its cable and power`);
      const answer = new Promise<'ack' | 'nak' | 'lost' | 'timeout'>((resolve) => {
        const timer = setTimeout(() => {
          this.ackWaiter = undefined;
          resolve('timeout');
        }, this.ackTimeoutMs);
        this.ackWaiter = (event) => {
          clearTimeout(timer);
          this.ackWaiter = undefined;
          resolve(event);
        };
      });
      this.log.trace({ event: 'zvt_frame', port: this.line.path, direction: 'out', apdu: hex(apdu), attempt }, 'frame out');
      try {
        await this.writeRaw(frame);
      } catch (error) {
        this.ackWaiter?.('lost');
        throw new ZvtLinkError('link_lost', (error as Error).message);
      }
      const result = await answer;
      if (result === 'ack') return;
      if (result === 'lost') throw new ZvtLinkError('link_lost', `${this.line.path}: the card terminal went away while sending – check its cable and power`);
      last = result;
      if (attempt < this.maxRepeats) this.log.warn({ event: 'zvt_frame_repeated', port: this.line.path, apdu: hex(apdu.subarray(0, 2)), after: result, attempt: attempt + 1 }, 'frame repeated');
    }
    const transmissions = this.maxRepeats + 1;
    if (last === 'timeout') {
      throw new ZvtLinkError('no_ack', `${this.line.path}: no acknowledgement from the card terminal within ${this.ackTimeoutMs} ms, ${transmissions} times – is it switched on, connected, and set to ${this.line.baudRate} baud, ${this.lineSettings()}?`);
    }
    throw new ZvtLinkError('nak', `${this.line.path}: the card terminal rejected the frame ${transmissions} times (NAK) – check the cable and the baud rate/parity settings (${this.lineSettings()})`);
  }

  private lineSettings(): string {
    const { dataBits = 8, parity = 'none', stopBits = 1 } = this.line.options;
    return `${dataBits}${parity[0]!.toUpperCase()}${stopBits}`;
  }

  /** Next APDU from the other side, within the deadline. */
  async receiveApdu(timeoutMs: number): Promise<Apdu> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const next = this.inbox.shift();
      if (next) return next;
      if (this.detached) throw new ZvtLinkError('link_lost', `${this.line.path}: the link was closed`);
      if (this.line.state !== 'open') throw new ZvtLinkError('link_lost', `${this.line.path}: the card terminal line is ${this.line.state} – check its cable and power`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ZvtLinkError('timeout', `${this.line.path}: no message from the other side within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.inboxWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Powered off / hung device: stops answering on the transport level too (simulators only). */
  mute = false;
  /** Simulators only: the next n good frames are lost on the line (neither ACK nor NAK). */
  dropFrames = 0;
  /** Simulators only: the next n good frames are answered NAK, as if they arrived damaged. */
  nakFrames = 0;
  /** Good frames that reached this end, lost and NAKed ones included (tests count transmissions). */
  framesReceived = 0;

  /** Drops queued messages (stale answers from an earlier exchange). */
  clearInbox(): Apdu[] {
    return this.inbox.splice(0);
  }
}
