// One serial port with the behaviour a kiosk needs: a single owner per port,
// a deadline on every write and read, reconnection after an unplug, and a clean close.
// Protocol code (ZVT, ESC/POS) sits on top and never touches serialport directly.
import { EventEmitter } from 'node:events';
import { existsSync, realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { describeSerialError, SerialPortError } from './errors';

export interface SerialLineConfig {
  path: string;
  baudRate: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

export interface SerialLineOptions extends SerialLineConfig {
  /** Word used in error messages ("printer", "card terminal"). */
  device?: string;
  /** Reconnect after an unplug; false turns it off (then a disconnect ends in 'failed'). */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number } | false;
  /** Default deadline for write (including drain) and read, in ms. */
  timeoutMs?: number;
  /**
   * How often to check that the device node still exists and is the same device. Drivers do not
   * always report an unplug on an idle port (a pty hang-up can be missed before the first read);
   * a vanished or replaced /dev node is a sure sign. 0 turns the check off.
   */
  watchIntervalMs?: number;
  /** Only for tests: a serialport binding such as MockBinding. */
  binding?: OpenOptions['binding'];
}

export type LineState = 'opening' | 'open' | 'reconnecting' | 'closed';

export interface SerialLineEvents {
  data: [Buffer];
  state: [LineState, SerialPortError | undefined];
}

/** Ports held by this process, by real path, so a second owner gets a clear error. */
const owners = new Map<string, SerialLine>();

const ownerKey = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** Lists the serial ports the operating system reports (for the setup screen and the CLI). */
export async function listSerialPorts(): Promise<{ path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }[]> {
  const ports = await SerialPort.list();
  return ports.map((port) => ({
    path: port.path,
    manufacturer: port.manufacturer,
    serialNumber: port.serialNumber,
    vendorId: port.vendorId,
    productId: port.productId,
  }));
}

export class SerialLine extends EventEmitter<SerialLineEvents> {
  private port: SerialPortStream | undefined;
  private currentState: LineState = 'closed';
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private openedDevice: string | undefined;
  private readonly key: string;
  private readonly inbox: Buffer[] = [];
  private inboxWaiter: (() => void) | undefined;
  readonly device: string;
  readonly timeoutMs: number;

  private constructor(readonly options: SerialLineOptions) {
    super();
    this.device = options.device ?? 'device';
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.key = ownerKey(options.path);
  }

  /** Opens the port; rejects with a SerialPortError that names the port and what to check. */
  static async open(options: SerialLineOptions): Promise<SerialLine> {
    const line = new SerialLine(options);
    const holder = owners.get(line.key);
    if (holder) {
      throw new SerialPortError(options.path, 'in_use', `already open in this process by the ${holder.device} – each port has one owner; check the store config does not name the same port twice`);
    }
    owners.set(line.key, line);
    try {
      await line.openPort();
    } catch (error) {
      owners.delete(line.key);
      throw error;
    }
    return line;
  }

  get path(): string {
    return this.options.path;
  }

  get state(): LineState {
    return this.currentState;
  }

  /** The binding's open port (tests drive MockBinding through it); undefined while not open. */
  get bindingPort(): unknown {
    return this.port?.port;
  }

  get baudRate(): number {
    return this.options.baudRate;
  }

  private setState(state: LineState, error?: SerialPortError): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', state, error);
  }

  private openPort(): Promise<void> {
    const { path, baudRate, dataBits = 8, parity = 'none', stopBits = 1, binding } = this.options;
    this.setState(this.currentState === 'reconnecting' ? 'reconnecting' : 'opening');
    const settings = { path, baudRate, dataBits, parity, stopBits, autoOpen: false, lock: binding === undefined };
    const port: SerialPortStream = binding ? new SerialPortStream({ ...settings, binding }) : new SerialPort(settings);
    return new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (error) {
          reject(describeSerialError(path, error, this.device));
          return;
        }
        if (this.closing) {
          port.close();
          reject(new SerialPortError(path, 'closed', 'closed while opening'));
          return;
        }
        this.port = port;
        this.openedDevice = binding ? undefined : ownerKey(path);
        this.startWatch();
        port.on('data', (chunk: Buffer) => this.receive(chunk));
        port.on('error', () => {
          // Errors surface through 'close' (disconnect) or through the failed write/read call.
        });
        port.on('close', (closeError: { disconnected?: boolean; message?: string } | null) => {
          if (this.port !== port) return;
          this.port = undefined;
          this.stopWatch();
          if (this.closing) return;
          const cause = closeError?.message ?? this.disconnectReason ?? 'port closed';
          this.disconnectReason = undefined;
          const reason = new SerialPortError(path, 'disconnected', `the ${this.device} went away (${cause}) – check its cable and power; reconnecting`);
          this.wakeReader();
          if (this.options.reconnect === false) {
            this.release();
            this.setState('closed', reason);
          } else {
            this.setState('reconnecting', reason);
            this.scheduleReconnect(this.options.reconnect?.initialDelayMs ?? 100);
          }
        });
        this.setState('open');
        resolve();
      });
    });
  }

  private disconnectReason: string | undefined;

  /** Treats the open port as unplugged: closes it, which starts the reconnect loop. */
  private disconnect(reason: string): void {
    const port = this.port;
    if (!port?.isOpen || this.closing) return;
    this.disconnectReason = reason;
    port.close();
  }

  private startWatch(): void {
    const interval = this.options.watchIntervalMs ?? 1000;
    if (interval <= 0 || this.openedDevice === undefined) return;
    this.stopWatch();
    this.watchTimer = setInterval(() => {
      if (!existsSync(this.options.path)) this.disconnect('device node disappeared');
      else if (ownerKey(this.options.path) !== this.openedDevice) this.disconnect('device node now points to another device');
    }, interval);
    this.watchTimer.unref();
  }

  private stopWatch(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = undefined;
  }

  private scheduleReconnect(delayMs: number): void {
    const maxDelayMs = (this.options.reconnect || {}).maxDelayMs ?? 2000;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing) return;
      this.openPort().catch(() => {
        if (!this.closing) this.scheduleReconnect(Math.min(delayMs * 2, maxDelayMs));
      });
    }, delayMs);
  }

  /** Resolves when the line is open, or rejects after the deadline with what to check. */
  async waitUntilOpen(timeoutMs = this.timeoutMs): Promise<void> {
    if (this.currentState === 'open') return;
    if (this.currentState === 'closed') throw new SerialPortError(this.path, 'closed', 'the port is closed');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(new SerialPortError(this.path, 'timeout', `not back after ${timeoutMs} ms – is the ${this.device} plugged in and switched on?`));
      }, timeoutMs);
      const onState = (state: LineState): void => {
        if (state === 'open' || state === 'closed') {
          clearTimeout(timer);
          this.off('state', onState);
          if (state === 'open') resolve();
          else reject(new SerialPortError(this.path, 'closed', 'the port was closed'));
        }
      };
      this.on('state', onState);
    });
  }

  /** Writes and waits until the bytes have left the driver (drain), within the deadline. */
  async write(bytes: Uint8Array, timeoutMs = this.timeoutMs): Promise<void> {
    const port = this.port;
    if (!port || this.currentState !== 'open') {
      throw new SerialPortError(this.path, this.currentState === 'closed' ? 'closed' : 'disconnected', `cannot write: the port is ${this.currentState} – is the ${this.device} plugged in?`);
    }
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        port.off('close', onClose);
        if (error) {
          const described = describeSerialError(this.path, error, this.device);
          if (described.kind === 'disconnected') this.disconnect(described.message);
          reject(described);
        } else resolve();
      };
      const timer = setTimeout(
        () => finish(new SerialPortError(this.path, 'timeout', `write of ${bytes.length} bytes did not finish within ${timeoutMs} ms – is the ${this.device} switched on, and does its baud rate and flow control match?`)),
        timeoutMs,
      );
      const onClose = (): void => finish(new SerialPortError(this.path, 'disconnected', `the ${this.device} went away during a write – check its cable and power`));
      port.once('close', onClose);
      port.write(Buffer.from(bytes), (error) => {
        if (error) return finish(error);
        port.drain((drainError) => finish(drainError ?? undefined));
      });
    });
  }

  private receive(chunk: Buffer): void {
    if (this.listenerCount('data') > 0) this.emit('data', chunk);
    else this.inbox.push(chunk);
    this.wakeReader();
  }

  private wakeReader(): void {
    const waiter = this.inboxWaiter;
    this.inboxWaiter = undefined;
    waiter?.();
  }

  /**
   * Reads exactly `count` bytes that arrive while nobody listens to 'data', within the deadline.
   * Used by request/response exchanges (DLE EOT); streaming protocols subscribe to 'data'.
   */
  async read(count: number, timeoutMs = this.timeoutMs): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const available = this.inbox.reduce((sum, chunk) => sum + chunk.length, 0);
      if (available >= count) {
        const all = Buffer.concat(this.inbox.splice(0));
        const rest = all.subarray(count);
        if (rest.length > 0) this.inbox.push(rest);
        return all.subarray(0, count);
      }
      if (this.currentState !== 'open') {
        throw new SerialPortError(this.path, 'disconnected', `cannot read: the port is ${this.currentState} – is the ${this.device} plugged in?`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new SerialPortError(this.path, 'timeout', `no answer within ${timeoutMs} ms (got ${available} of ${count} bytes) – is the ${this.device} switched on, and does its baud rate match?`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.inboxWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Drops bytes received but not yet read (e.g. a late reply after a timeout). */
  discardInput(): void {
    this.inbox.splice(0);
  }

  private release(): void {
    if (owners.get(this.key) === this) owners.delete(this.key);
  }

  /** Closes the port and stops reconnecting; safe to call more than once. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopWatch();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    this.release();
    this.wakeReader();
    this.setState('closed');
  }
}
