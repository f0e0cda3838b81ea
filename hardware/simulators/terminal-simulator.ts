// A ZVT payment terminal (PT) on the far end of a real serial line. It frames, ACKs and
// answers like a terminal, keeps a journal of what it charged, and can be told to misbehave.
// Strict as a real terminal: it takes payments only after a registration (06 00) and answers
// 06 1E 6B otherwise; it sends its cardholder receipt as print lines (06 D1) only to an ECR that
// registered to print it, and keeps it otherwise; an abort (06 B0) with nothing running is
// answered 84 83 00; switched off it forgets the registration.
import { SerialLine, type SerialLineConfig } from '../serial/serial-line';
import { ZvtLink, ZvtLinkError } from '../terminal/zvt/link';
import { fromBcd, parseBmps, encodeApdu, encodeBmp, type Apdu } from '../terminal/zvt/apdu';
import { Command, encode, encodeStatusInformation, ERROR_NOT_POSSIBLE, is, RESULT_NOT_REGISTERED, type TransactionDetails } from '../terminal/zvt/messages';

export interface SimulatedCharge {
  trace: number;
  receiptNumber: number;
  amountMinor: number;
  at: Date;
  reversed: boolean;
}

/** What the next authorisation(s) should do; set with `terminal.behave({...})`. */
export interface TerminalBehaviour {
  /** approve (default), decline with a host result code, or cancel as if the customer pressed the red key. */
  outcome: 'approve' | 'decline' | 'cancel_on_terminal';
  /** Result code sent with a decline (default 5: "do not honour" from the issuer). */
  declineCode: number;
  /** Time the customer takes to present the card, and to enter the PIN (slow PIN entry: raise it). */
  cardDelayMs: number;
  pinDelayMs: number;
  /**
   * silent: ignores every frame (hung; see switchOff for powered off); hang: accepts, then never finishes;
   * lose_answer_after_charge: books the payment, then goes quiet – its answer never leaves, the terminal is idle.
   */
  fault: 'none' | 'silent' | 'hang' | 'lose_answer_after_charge';
  /** While the customer is asked for the card or the PIN, the current prompt (04 FF) is sent again this often. */
  statusRepeatMs: number;
  /** Called right after a charge is journaled, before the answer is sent (tests unplug the line here). */
  onCharged?: (charge: SimulatedCharge) => void | Promise<void>;
}

const defaultBehaviour: TerminalBehaviour = {
  outcome: 'approve',
  declineCode: 5,
  cardDelayMs: 50,
  pinDelayMs: 50,
  fault: 'none',
  statusRepeatMs: 5000,
};

/** The ECR prints the payment receipts (Registration config byte, bit 1): then they come as print lines. */
const ECR_PRINTS_PAYMENT_RECEIPT = 0x02;

const bcdDate = (at: Date): { date: string; time: string } => {
  const two = (n: number): string => n.toString().padStart(2, '0');
  return { date: two(at.getMonth() + 1) + two(at.getDate()), time: two(at.getHours()) + two(at.getMinutes()) + two(at.getSeconds()) };
};

export class TerminalSimulator {
  private readonly link: ZvtLink;
  private behaviour: TerminalBehaviour = { ...defaultBehaviour };
  private readonly journal: SimulatedCharge[] = [];
  private nextTrace = 1;
  private nextReceipt = 1;
  private running = true;
  private transactionActive = false;
  private abortRequested = false;
  /** The config byte of the ECR's registration; undefined until it registers (and after a power cycle). */
  private registration: number | undefined;
  private switchedOff = false;
  /** Receipts the terminal printed itself, because the ECR did not register to print them. */
  readonly keptReceipts: string[][] = [];
  private loop: Promise<void>;
  readonly terminalId = '52500001';
  /** Every command the ECR sent, as "06 01" etc., for tests. */
  readonly received: string[] = [];

  private constructor(readonly line: SerialLine) {
    this.link = new ZvtLink(line, { ackTimeoutMs: 2000 });
    this.loop = this.serve();
  }

  static async open(port: SerialLineConfig): Promise<TerminalSimulator> {
    const line = await SerialLine.open({ ...port, device: 'simulated card terminal', reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, watchIntervalMs: 200 });
    return new TerminalSimulator(line);
  }

  /** Changes how the next transactions behave; unspecified fields keep their value. */
  behave(change: Partial<TerminalBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...change };
    this.link.mute = this.switchedOff || this.behaviour.fault === 'silent';
  }

  /** Default behaviour again (a switched-off terminal stays off; the registration stays as it is). */
  reset(): void {
    this.behave(defaultBehaviour);
    this.disturbLine({});
  }

  /** Powered off: no answer at all, and the registration is forgotten (a terminal starts unregistered). */
  switchOff(): void {
    this.switchedOff = true;
    this.registration = undefined;
    this.behave({});
  }

  switchOn(): void {
    this.switchedOff = false;
    this.behave({});
  }

  get registered(): boolean {
    return this.registration !== undefined;
  }

  /** Line trouble for the next frames from the ECR: lost (no ACK at all) or answered NAK. */
  disturbLine(change: { lose?: number; nak?: number }): void {
    this.link.dropFrames = change.lose ?? 0;
    this.link.nakFrames = change.nak ?? 0;
  }

  /** Good frames that reached the terminal, lost and NAKed ones included (transmissions). */
  get framesReceived(): number {
    return this.link.framesReceived;
  }

  private record(apdu: Apdu): void {
    this.received.push(`${apdu.cls.toString(16).padStart(2, '0')} ${apdu.ins.toString(16).padStart(2, '0')}`);
  }

  /** Approved, not reversed charges (tests assert "charged once"). */
  charges(): SimulatedCharge[] {
    return this.journal.filter((charge) => !charge.reversed).map((charge) => ({ ...charge }));
  }

  allTransactions(): SimulatedCharge[] {
    return this.journal.map((charge) => ({ ...charge }));
  }

  private async serve(): Promise<void> {
    await Promise.resolve(); // let the constructor finish before the first read
    while (this.running) {
      let apdu: Apdu;
      try {
        apdu = await this.link.receiveApdu(1000);
      } catch (error) {
        if (error instanceof ZvtLinkError && error.kind === 'link_lost') await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      this.record(apdu);
      try {
        await this.dispatch(apdu);
      } catch {
        // The ECR went away mid-exchange; a terminal simply waits for the next command.
      }
    }
  }

  private async dispatch(apdu: Apdu): Promise<void> {
    if (this.behaviour.fault === 'silent') return;
    if (is(apdu, Command.ecrAbort)) {
      // Nothing running: "function not possible".
      await this.link.send(this.transactionActive ? encode.positiveAck() : encode.negativeAck(ERROR_NOT_POSSIBLE));
      if (this.transactionActive) this.abortRequested = true;
      return;
    }
    if (this.transactionActive) {
      await this.link.send(encode.negativeAck(0x9c)); // busy: "please wait"
      return;
    }
    if (is(apdu, Command.authorisation)) {
      if (this.registration === undefined) {
        await this.link.send(encode.positiveAck());
        await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([RESULT_NOT_REGISTERED])));
        return;
      }
      return this.authorise(apdu);
    }
    if (is(apdu, Command.registration)) {
      // <password 3 bytes BCD> <config byte> [<currency>]
      this.registration = apdu.data[3] ?? 0;
      await this.link.send(encode.positiveAck());
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f, Buffer.concat([encodeBmp(0x19, Buffer.from([0])), encodeBmp(0x29, Buffer.from(this.terminalId, 'hex'))])));
      return;
    }
    if (is(apdu, Command.statusEnquiry)) {
      await this.link.send(encode.positiveAck());
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f, Buffer.concat([encodeBmp(0x27, Buffer.from([0])), encodeBmp(0x29, Buffer.from(this.terminalId, 'hex'))])));
      return;
    }
    if (is(apdu, Command.repeatReceipt)) {
      await this.link.send(encode.positiveAck());
      const last = this.journal.at(-1);
      if (!last) {
        await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([0x83]))); // function not possible: nothing to repeat
        return;
      }
      await this.sendAndAwaitAck(this.statusInformation(last, last.reversed ? 0x6c : 0));
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f));
      return;
    }
    if (is(apdu, Command.reversal)) {
      await this.link.send(encode.positiveAck());
      const receipt = parseBmps(apdu.data, 3).find((field) => field.tag === 0x87);
      const charge = receipt && this.journal.find((entry) => entry.receiptNumber === fromBcd(receipt.value));
      if (!charge || charge.reversed) {
        await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([charge ? 0xb4 : 0xb5]))); // already reversed / not possible
        return;
      }
      charge.reversed = true;
      await this.sendAndAwaitAck(this.statusInformation({ ...charge, trace: this.nextTrace++ }, 0));
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f));
      return;
    }
    await this.link.send(encode.negativeAck(0x83)); // function not possible
  }

  private statusInformation(charge: SimulatedCharge, resultCode: number): Buffer {
    const { date, time } = bcdDate(charge.at);
    const details: TransactionDetails & { maskedPanNibbles: string } = {
      resultCode,
      amountMinor: charge.amountMinor,
      trace: charge.trace,
      receiptNumber: charge.receiptNumber,
      turnoverNumber: charge.trace,
      terminalId: this.terminalId,
      authCode: `A${charge.trace.toString().padStart(5, '0')}`,
      cardName: 'Visa',
      cardType: 10,
      maskedPanNibbles: '4EEEEEEEEEEE1111',
      terminalDate: date,
      terminalTime: time,
    };
    return encodeStatusInformation(details);
  }

  /** Sends a message and waits for the ECR's 80 00 00. */
  private async sendAndAwaitAck(apdu: Buffer): Promise<void> {
    await this.link.send(apdu);
    const deadline = Date.now() + 5000;
    for (;;) {
      const answer = await this.link.receiveApdu(Math.max(0, deadline - Date.now()));
      if (is(answer, Command.positiveAck)) return;
      this.record(answer);
      if (is(answer, Command.ecrAbort)) {
        await this.link.send(encode.positiveAck());
        this.abortRequested = true;
      } else {
        await this.link.send(encode.negativeAck(0x9c)); // a new command while this exchange runs: busy
      }
    }
  }

  /** Waits, answering an ECR abort meanwhile (and repeating the prompt shown); returns true when the ECR asked to abort. */
  private async wait(ms: number, prompt?: number): Promise<boolean> {
    const until = Date.now() + ms;
    let promptAt = Date.now();
    while (Date.now() < until && this.running) {
      if (this.abortRequested) return true;
      if (prompt !== undefined && Date.now() - promptAt >= this.behaviour.statusRepeatMs) {
        promptAt = Date.now();
        await this.sendAndAwaitAck(encodeApdu(0x04, 0xff, Buffer.from([prompt]))).catch(() => undefined);
      }
      try {
        const apdu = await this.link.receiveApdu(Math.min(50, until - Date.now()));
        this.record(apdu);
        if (is(apdu, Command.ecrAbort)) {
          await this.link.send(encode.positiveAck());
          this.abortRequested = true;
        } else {
          await this.link.send(encode.negativeAck(0x9c));
        }
      } catch (error) {
        if (error instanceof ZvtLinkError && error.kind === 'link_lost') await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return this.abortRequested;
  }

  private async authorise(apdu: Apdu): Promise<void> {
    const amountField = parseBmps(apdu.data).find((field) => field.tag === 0x04);
    await this.link.send(encode.positiveAck());
    if (!amountField) {
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([0x83])));
      return;
    }
    const amountMinor = fromBcd(amountField.value);
    const behaviour = this.behaviour;
    this.transactionActive = true;
    this.abortRequested = false;
    try {
      // Display messages are best effort: the customer's payment goes on even if the ECR does not confirm them.
      const intermediate = (code: number): Promise<void> => this.sendAndAwaitAck(encodeApdu(0x04, 0xff, Buffer.from([code]))).catch(() => undefined);
      const aborted = async (): Promise<void> => this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([0x6c])));
      await intermediate(0x0a); // insert or tap card
      if (await this.wait(behaviour.cardDelayMs, 0x0a)) return aborted();
      if (behaviour.outcome === 'cancel_on_terminal') return aborted();
      await intermediate(0x01); // watch PIN pad: enter PIN
      if (behaviour.fault === 'hang') {
        // Hung: silent, and only an ECR abort (or closing the simulator) ends this transaction.
        if (await this.wait(3_600_000)) return aborted();
        return;
      }
      if (await this.wait(behaviour.pinDelayMs, 0x01)) return aborted();
      await intermediate(0x04); // waiting for the bank
      if (behaviour.outcome === 'decline') {
        await this.printReceipt(this.receiptText({ amountMinor, at: new Date() }, behaviour.declineCode));
        await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([behaviour.declineCode])));
        return;
      }
      const charge: SimulatedCharge = { trace: this.nextTrace++, receiptNumber: this.nextReceipt++, amountMinor, at: new Date(), reversed: false };
      this.journal.push(charge);
      await behaviour.onCharged?.({ ...charge });
      if (behaviour.fault === 'lose_answer_after_charge') return; // the card is charged, the answer never leaves
      await this.sendAndAwaitAck(this.statusInformation(charge, 0));
      await this.printReceipt(this.receiptText(charge, 0));
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f));
    } finally {
      this.transactionActive = false;
      this.abortRequested = false;
    }
  }

  /** The cardholder receipt: to the ECR as print lines when it registered to print it, else kept (printed here). */
  private async printReceipt(lines: string[]): Promise<void> {
    if (this.registration === undefined || (this.registration & ECR_PRINTS_PAYMENT_RECEIPT) === 0) {
      this.keptReceipts.push(lines);
      return;
    }
    for (const [index, line] of lines.entries()) await this.sendAndAwaitAck(encode.printLine(line, index === lines.length - 1));
  }

  private receiptText(payment: { amountMinor: number; at: Date; trace?: number; receiptNumber?: number }, resultCode: number): string[] {
    const { date, time } = bcdDate(payment.at);
    const amount = `EUR ${Math.floor(payment.amountMinor / 100)},${(payment.amountMinor % 100).toString().padStart(2, '0')}`;
    return [
      'Kundenbeleg / Cardholder copy',
      `Terminal-ID ${this.terminalId}`,
      `${date.slice(2)}.${date.slice(0, 2)}. ${time.slice(0, 2)}:${time.slice(2, 4)}`,
      'Visa ************1111',
      `Betrag / Amount  ${amount}`,
      ...(payment.trace !== undefined ? [`Trace ${payment.trace}  Beleg ${payment.receiptNumber}`, `Autorisierung A${payment.trace.toString().padStart(5, '0')}`] : []),
      resultCode === 0 ? 'Zahlung erfolgt / Approved' : `Abgelehnt / Declined (${resultCode})`,
    ];
  }

  async close(): Promise<void> {
    this.running = false;
    this.link.detach();
    await this.line.close();
    await this.loop;
  }
}
