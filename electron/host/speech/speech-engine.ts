// One interface for a text-to-speech engine run by the host, so another engine can
// replace espeak-ng without touching the speech service or the contract.

export interface Utterance {
  text: string;
  /** A locale code such as "en" or "de-DE"; the engine picks its voice for the language. */
  lang: string;
  /** Factor of the engine's normal rate (1 = normal). */
  rate: number;
  /** Factor of the engine's normal loudness (1 = normal). */
  volume: number;
}

/** How a playback ended: failed carries the engine's or the audio output's own words. */
export type PlaybackEnd = { result: 'finished' } | { result: 'stopped' } | { result: 'failed'; reason: string };

export interface Playback {
  /** Settles when the speech has ended, for whatever reason; never rejects. */
  readonly done: Promise<PlaybackEnd>;
  /** Cuts the speech off now (idempotent). */
  stop(): void;
}

export type EngineProbe = { available: true; detail: string } | { available: false; reason: string };

export interface SpeechEngine {
  readonly name: string;
  /** Whether the engine can speak on this machine (installed, runnable). Never rejects. */
  probe(): Promise<EngineProbe>;
  /** Speaks to the kiosk's audio output. */
  play(utterance: Utterance): Playback;
  /** Renders to a WAV file instead of the audio output (tests, diagnostics). */
  renderToFile(utterance: Utterance, file: string): Promise<void>;
}
