// The host's speech service behind the contract's speech calls: one utterance at a time,
// a new one (or stopSpeech) cuts the current one, repeatSpeech says the last again.
// Where the engine is missing the host runs on: it logs `speech_unavailable` once and
// answers "unavailable", so the page can say on screen that speech is not available.
//
// What the host was asked to say is kept in a bounded record (`spoken`, newest last) and
// logged at debug level as `speech_said` events: the end-to-end tests read those lines,
// the same way an operator diagnosing a complaint would.
import { SPEECH_RATE, SPEECH_VOLUME } from '../../../common/accessibility/config';
import type { KioskHandlers } from '../dispatcher';
import { silentLogger, type Logger } from '../log';
import { createEspeakEngine } from './espeak-engine';
import type { Playback, SpeechEngine, Utterance } from './speech-engine';

export type SpeechHandlers = Pick<KioskHandlers, 'say' | 'stopSpeech' | 'repeatSpeech' | 'getSpeechStatus'>;

export interface SpokenRecord {
  at: string;
  text: string;
  lang: string;
  rate: number;
  volume: number;
  repeat: boolean;
  outcome: 'speaking' | 'queued' | 'unavailable';
}

export interface SpeechServiceOptions {
  engine?: SpeechEngine;
  log?: Logger;
  /** Rate when a call names none (the store config's accessibility.speechRate). */
  defaultRate?: number;
  /** How many utterances the record keeps (oldest dropped first). */
  recordLimit?: number;
  /** How many utterances may wait behind the one speaking (oldest dropped first). */
  queueLimit?: number;
  now?: () => Date;
}

export function createSpeechService(options: SpeechServiceOptions = {}) {
  const engine = options.engine ?? createEspeakEngine();
  const log = options.log ?? silentLogger;
  const defaultRate = options.defaultRate ?? SPEECH_RATE.normal;
  const recordLimit = options.recordLimit ?? 500;
  const queueLimit = options.queueLimit ?? 16;
  const now = options.now ?? (() => new Date());

  const spoken: SpokenRecord[] = [];
  const queue: Utterance[] = [];
  let current: { utterance: Utterance; playback: Playback } | undefined;
  let last: Utterance | undefined;
  let lastFailure: string | undefined;
  let closed = false;

  const ready: Promise<boolean> = engine.probe().then(
    (probe) => {
      if (probe.available) log.info({ event: 'speech_ready', engine: engine.name, detail: probe.detail }, 'speech output ready');
      else log.warn({ event: 'speech_unavailable', engine: engine.name, reason: probe.reason }, 'no speech output: the kiosk runs without it');
      return probe.available;
    },
    (error: unknown) => {
      log.warn({ event: 'speech_unavailable', engine: engine.name, reason: String(error) }, 'no speech output: the kiosk runs without it');
      return false;
    },
  );

  function record(utterance: Utterance, outcome: SpokenRecord['outcome'], extra: { repeat: boolean; interrupt: boolean }): void {
    spoken.push({ at: now().toISOString(), ...utterance, repeat: extra.repeat, outcome });
    if (spoken.length > recordLimit) spoken.splice(0, spoken.length - recordLimit);
    log.debug({ event: 'speech_said', ...utterance, ...extra, outcome }, 'speech');
  }

  function startNext(): void {
    if (current || closed) return;
    const utterance = queue.shift();
    if (!utterance) return;
    const playback = engine.play(utterance);
    const entry = { utterance, playback };
    current = entry;
    void playback.done.then((end) => {
      if (current === entry) current = undefined;
      if (end.result === 'failed' && end.reason !== lastFailure) {
        // Logged when the reason changes, not for every utterance: a kiosk without audio would flood the log.
        log.warn({ event: 'speech_output_failed', engine: engine.name, reason: end.reason }, 'speech could not be played');
      }
      if (end.result !== 'stopped') lastFailure = end.result === 'failed' ? end.reason : undefined;
      startNext();
    });
  }

  function stopAll(): boolean {
    const wasBusy = current !== undefined || queue.length > 0;
    queue.length = 0;
    current?.playback.stop();
    current = undefined;
    return wasBusy;
  }

  async function speak(utterance: Utterance, interrupt: boolean, repeat: boolean): Promise<SpokenRecord['outcome']> {
    if (!(await ready) || closed) {
      record(utterance, 'unavailable', { repeat, interrupt });
      return 'unavailable';
    }
    if (interrupt) stopAll();
    const outcome = current ? 'queued' : 'speaking';
    queue.push(utterance);
    if (queue.length > queueLimit) queue.splice(0, queue.length - queueLimit);
    record(utterance, outcome, { repeat, interrupt });
    startNext();
    return outcome;
  }

  const handlers: SpeechHandlers = {
    async say(input) {
      const utterance: Utterance = { text: input.text, lang: input.lang, rate: input.rate ?? defaultRate, volume: input.volume ?? SPEECH_VOLUME.normal };
      last = utterance;
      return { outcome: await speak(utterance, input.interrupt, false) };
    },
    stopSpeech: () => ({ stopped: stopAll() }),
    async repeatSpeech(input) {
      if (!last) return { outcome: 'nothing' as const };
      last = { ...last, rate: input.rate ?? last.rate, volume: input.volume ?? last.volume };
      return { outcome: await speak(last, true, true) };
    },
    getSpeechStatus: async () => ({ available: await ready }),
  };

  return {
    handlers,
    /** What the host was asked to say, oldest first (bounded). */
    get spoken(): readonly SpokenRecord[] {
      return spoken;
    },
    /** Resolves with whether the engine can speak here. */
    ready,
    engine,
    async close(): Promise<void> {
      closed = true;
      const playing = current?.playback;
      stopAll();
      await playing?.done;
    },
  };
}

export type SpeechService = ReturnType<typeof createSpeechService>;
