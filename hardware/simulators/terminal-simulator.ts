// A ZVT payment terminal (PT) on the far end of a real serial line. It frames, ACKs and
// answers like a terminal, keeps a journal of what it charged, and can be told to misbehave.
import { SerialLine, type SerialLineConfig } from '../serial/serial-line';
import { ZvtLink, ZvtLinkError } from '../terminal/zvt/link';
import { fromBcd, parseBmps, encodeApdu, encodeBmp, type Apdu } from '../terminal/zvt/apdu';
import { Command, encode, encodeStatusInformation, is, type TransactionDetails } from '../terminal/zvt/messages';

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
  /** silent: ignores every frame (powered off / hung); hang: accepts, then never finishes. */
  fault: 'none' | 'silent' | 'hang' | 'lose_answer_after_charge';
  /** Called right after a charge is journaled, before the answer is sent (tests unplug the line here). */
  onCharged?: (charge: SimulatedCharge) => void | Promise<void>;
}

const defaultBehaviour: TerminalBehaviour = {
  outcome: 'approve',
  declineCode: 5,
  cardDelayMs: 50,
  pinDelayMs: 50,
  fault: 'none',
};

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
    this.link.mute = this.behaviour.fault === 'silent';
  }

  reset(): void {
    this.behaviour = { ...defaultBehaviour };
    this.link.mute = false;
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
      await this.link.send(encode.positiveAck());
      if (this.transactionActive) this.abortRequested = true;
      return;
    }
    if (this.transactionActive) {
      await this.link.send(encode.negativeAck(0x9c)); // busy: "please wait"
      return;
    }
    if (is(apdu, Command.authorisation)) return this.authorise(apdu);
    if (is(apdu, Command.registration)) {
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

  /** Waits, answering an ECR abort meanwhile; returns true when the ECR asked to abort. */
  private async wait(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until && this.running) {
      if (this.abortRequested) return true;
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
      if (await this.wait(behaviour.cardDelayMs)) return aborted();
      if (behaviour.outcome === 'cancel_on_terminal') return aborted();
      await intermediate(0x01); // watch PIN pad: enter PIN
      if (behaviour.fault === 'hang') {
        // Hung: only an ECR abort (or closing the simulator) ends this transaction.
        if (await this.wait(3_600_000)) return aborted();
        return;
      }
      if (await this.wait(behaviour.pinDelayMs)) return aborted();
      await intermediate(0x04); // waiting for the bank
      if (behaviour.outcome === 'decline') {
        await this.sendAndAwaitAck(encodeApdu(0x06, 0x1e, Buffer.from([behaviour.declineCode])));
        return;
      }
      const charge: SimulatedCharge = { trace: this.nextTrace++, receiptNumber: this.nextReceipt++, amountMinor, at: new Date(), reversed: false };
      this.journal.push(charge);
      await behaviour.onCharged?.({ ...charge });
      if (behaviour.fault === 'lose_answer_after_charge') return; // the card is charged, the answer never leaves
      await this.sendAndAwaitAck(this.statusInformation(charge, 0));
      await this.sendAndAwaitAck(encodeApdu(0x06, 0x0f));
    } finally {
      this.transactionActive = false;
      this.abortRequested = false;
    }
  }

  async close(): Promise<void> {
    this.running = false;
    this.link.detach();
    await this.line.close();
    await this.loop;
  }
}
