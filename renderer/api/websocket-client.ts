// The kiosk contract over the browser shell's loopback WebSocket. Same KioskApi as
// the Electron preload: one function per contract call, plus events. The link
// reconnects by itself; a call that was sent when the link dropped fails with a
// KioskLinkError (the host may or may not have acted on it), never silently.
import { retryDelayMs, type BackoffPolicy } from '../../common/backoff';
import { CALL_NAMES } from '../../common/contract/client';
import { isCallErrorCode, KioskCallError } from '../../common/contract/errors';
import type { CallName, KioskApi, KioskEvent } from '../../common/contract/index';

export class KioskLinkError extends Error {
  constructor(
    message: string,
    /** True when the request reached the host before the link dropped: its outcome is unknown. */
    readonly sent: boolean,
  ) {
    super(message);
    this.name = 'KioskLinkError';
  }
}

type WebSocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close'> & {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
};
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WebSocketKioskApiOptions {
  url: string;
  createSocket?: WebSocketFactory;
  /** How long a call waits for the link to come up before it fails. */
  connectTimeoutMs?: number;
}

const OPEN = 1;
/** The host restarts in a second or two: try again soon, never slower than every 5 s. */
const RECONNECT: BackoffPolicy = { baseMs: 200, maxMs: 5000 };

interface Pending {
  call: CallName;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  sent: boolean;
  message: string;
  timer?: ReturnType<typeof setTimeout>;
}

export type WebSocketKioskApi = KioskApi & {
  /** Stops reconnecting and fails whatever is pending. */
  close(): void;
  isConnected(): boolean;
};

export function createWebSocketKioskApi(options: WebSocketKioskApiOptions): WebSocketKioskApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: KioskEvent) => void>();
  let nextId = 1;
  let socket: WebSocketLike | undefined;
  let failedConnects = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const flush = (): void => {
    for (const [, request] of pending) {
      if (request.sent || socket?.readyState !== OPEN) continue;
      socket.send(request.message);
      request.sent = true;
      clearTimeout(request.timer);
    }
  };

  const failSent = (reason: string): void => {
    for (const [id, request] of pending) {
      if (!request.sent) continue;
      pending.delete(id);
      request.reject(
        new KioskLinkError(`The link to the kiosk host dropped while "${request.call}" was waiting for its answer (${reason}); the host may or may not have done it.`, true),
      );
    }
  };

  const handleMessage = (data: unknown): void => {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      console.error('kiosk link: the host sent a message that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      for (const listener of listeners) listener((message as { event: KioskEvent }).event);
      return;
    }
    const response = message as { id: unknown; ok: boolean; output?: unknown; error?: { code?: unknown; message?: string } };
    const request = typeof response.id === 'number' ? pending.get(response.id) : undefined;
    if (!request) {
      console.error('kiosk link: an answer for no pending call', response.error?.message ?? '');
      return;
    }
    pending.delete(response.id as number);
    if (response.ok) request.resolve(response.output);
    else {
      // A code this page does not know (a newer host) is still a failure: `failed`.
      const code = response.error?.code;
      request.reject(new KioskCallError(isCallErrorCode(code) ? code : 'failed', response.error?.message ?? `${request.call} failed`));
    }
  };

  const connect = (): void => {
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      failedConnects = 0;
      flush();
    };
    current.onmessage = (event) => handleMessage(event.data);
    current.onerror = () => undefined; // onclose follows and handles it
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      failSent(closed ? 'the client was closed' : 'connection closed');
      if (closed) return;
      failedConnects += 1;
      reconnectTimer = setTimeout(connect, retryDelayMs(failedConnects, RECONNECT));
    };
  };

  const call = (name: CallName, input: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new KioskLinkError(`"${name}" was called after the kiosk link was closed`, false));
      const id = nextId++;
      const request: Pending = { call: name, resolve, reject, sent: false, message: JSON.stringify({ id, call: name, input: input ?? {} }) };
      pending.set(id, request);
      if (socket?.readyState === OPEN) return flush();
      request.timer = setTimeout(() => {
        if (!pending.has(id) || request.sent) return;
        pending.delete(id);
        reject(new KioskLinkError(`"${name}" could not reach the kiosk host within ${connectTimeoutMs / 1000} s (no connection)`, false));
      }, connectTimeoutMs);
    });

  connect();

  const calls = Object.fromEntries(
    CALL_NAMES.map((name) => [name, (input: unknown) => call(name, input)]),
  ) as Omit<KioskApi, 'onEvent'>;

  return {
    ...calls,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isConnected: () => socket?.readyState === OPEN,
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      socket?.close();
      for (const [id, request] of pending) {
        pending.delete(id);
        clearTimeout(request.timer);
        request.reject(new KioskLinkError(`"${request.call}" was cancelled: the kiosk link was closed`, request.sent));
      }
    },
  } as WebSocketKioskApi;
}
