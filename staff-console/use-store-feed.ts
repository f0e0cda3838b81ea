// The console's live view of the store: every message of this store's topics goes through
// the pure reducer (console-state); a new help request beeps once; the connection's state is
// tracked for the "reconnecting" line.
import { useEffect, useReducer, useRef, useState } from 'react';
import { storeTopics } from '../common/store-bus/messages';
import { beep } from './alert';
import type { ConsoleConnection } from './bus';
import { consoleReducer, emptyConsoleState, type ConsoleState } from './console-state';

export function useStoreFeed(connection: ConsoleConnection, store: string): { state: ConsoleState; online: boolean } {
  const [state, dispatch] = useReducer(consoleReducer, emptyConsoleState);
  const [online, setOnline] = useState(true);

  useEffect(() => {
    const { client } = connection;
    const onMessage = (topic: string, payload: Uint8Array): void => dispatch({ type: 'message', topic, payload: new TextDecoder().decode(payload) });
    const onConnect = (): void => setOnline(true);
    const onOffline = (): void => setOnline(false);
    client.on('message', onMessage);
    client.on('connect', onConnect);
    client.on('offline', onOffline);
    client.on('close', onOffline);
    // Every topic of this store; retained state (open requests, counter orders, kiosk status) arrives at once.
    client.subscribe(storeTopics(store).all, { qos: 1 });
    return () => {
      client.off('message', onMessage);
      client.off('connect', onConnect);
      client.off('offline', onOffline);
      client.off('close', onOffline);
    };
  }, [connection, store]);

  // A new request: a beep (an external effect); the visible alert is derived from state.
  const beeped = useRef(0);
  useEffect(() => {
    if (state.alertSeq > beeped.current) beep();
    beeped.current = state.alertSeq;
  }, [state.alertSeq]);

  return { state, online };
}

/** The current time, ticking: waiting times count up on screen. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
