// The DevTools protocol over Chromium's --remote-debugging-pipe: JSON messages ended by a NUL
// byte, written to the browser's fd 3 and read from its fd 4. Only the process that started
// Chromium holds these pipes, so nothing else on the machine can drive the browser (a
// --remote-debugging-port would let any local user do so).
import type { Readable, Writable } from 'node:stream';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export class CdpError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${message} (DevTools error ${code})`);
    this.name = 'CdpError';
  }
}

export class CdpPipe {
  private nextId = 1;
  private buffered = '';
  private readonly waiting = new Map<number, { method: string; resolve(result: Record<string, unknown>): void; reject(error: Error): void }>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private readonly onClose = new Set<(error: Error) => void>();
  private closedWith: Error | undefined;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
    const close = (error?: Error) => this.close(error ?? new Error('the DevTools pipe to Chromium closed'));
    fromBrowser.on('end', () => close());
    fromBrowser.on('error', close);
    toBrowser.on('error', close);
  }

  /** Sends one command (to a page when `sessionId` is given) and resolves with its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { method, resolve, reject });
      this.toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  /** Calls `listener` for every event until the returned function is called. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event that matches. */
  waitForEvent(matches: (event: CdpEvent) => boolean): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      if (this.closedWith) return reject(this.closedWith);
      const closed = (error: Error) => reject(error);
      this.onClose.add(closed);
      const stop = this.onEvent((event) => {
        if (!matches(event)) return;
        stop();
        this.onClose.delete(closed);
        resolve(event);
      });
    });
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf('\0')) >= 0) {
      const text = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      let message: { id?: number; result?: Record<string, unknown>; error?: { code: number; message: string } } & Partial<CdpEvent>;
      try {
        message = JSON.parse(text);
      } catch {
        continue; // not ours to fix; the browser never sends this
      }
      if (message.id !== undefined) {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (!waiter) continue;
        if (message.error) waiter.reject(new CdpError(waiter.method, message.error.code, message.error.message));
        else waiter.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of [...this.listeners]) listener({ method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) });
      }
    }
  }

  private close(error: Error): void {
    if (this.closedWith) return;
    this.closedWith = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    this.listeners.clear();
    for (const closed of this.onClose) closed(error);
    this.onClose.clear();
  }
}
