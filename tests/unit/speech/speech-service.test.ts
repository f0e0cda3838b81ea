// The speech service's scheduling, against the SpeechEngine interface: an engine here is a
// recorder whose playbacks end when the test says (the real espeak-ng engine is exercised in
// tests/integration/speech/). Plus the contract's bounds, through the dispatcher.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type KioskHandlers } from '../../../electron/host/dispatcher';
import { captureLog } from '../../../electron/host/log';
import type { EngineProbe, Playback, PlaybackEnd, SpeechEngine, Utterance } from '../../../electron/host/speech/speech-engine';
import { createSpeechService } from '../../../electron/host/speech/speech-service';
import { MAX_UTTERANCE_CHARS } from '../../../common/contract/client';

interface RecordedPlayback {
  utterance: Utterance;
  stopped: boolean;
  end(result: PlaybackEnd): void;
}

function recordingEngine(probe: EngineProbe = { available: true, detail: 'recorder' }) {
  const playbacks: RecordedPlayback[] = [];
  const engine: SpeechEngine = {
    name: 'recorder',
    probe: async () => probe,
    play(utterance): Playback {
      let settle!: (end: PlaybackEnd) => void;
      const done = new Promise<PlaybackEnd>((resolve) => (settle = resolve));
      const record: RecordedPlayback = { utterance, stopped: false, end: (end) => settle(end) };
      playbacks.push(record);
      return {
        done,
        stop() {
          record.stopped = true;
          settle({ result: 'stopped' });
        },
      };
    },
    renderToFile: async () => undefined,
  };
  return { engine, playbacks };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('speech service', () => {
  it('says at once, cuts the current utterance for a new one, and stops', async () => {
    const { engine, playbacks } = recordingEngine();
    const speech = createSpeechService({ engine });
    expect(await speech.handlers.say({ text: 'Menu. Burgers.', lang: 'en', interrupt: true })).toEqual({ outcome: 'speaking' });
    expect(await speech.handlers.say({ text: 'Cheeseburger, 3 euros 49.', lang: 'en', interrupt: true })).toEqual({ outcome: 'speaking' });
    expect(playbacks.map((playback) => [playback.utterance.text, playback.stopped])).toEqual([
      ['Menu. Burgers.', true],
      ['Cheeseburger, 3 euros 49.', false],
    ]);
    expect(await speech.handlers.stopSpeech({})).toEqual({ stopped: true });
    expect(playbacks[1]!.stopped).toBe(true);
    expect(await speech.handlers.stopSpeech({})).toEqual({ stopped: false });
  });

  it('queues an utterance that does not interrupt, and says it when the current one ends', async () => {
    const { engine, playbacks } = recordingEngine();
    const speech = createSpeechService({ engine });
    await speech.handlers.say({ text: 'Your order.', lang: 'en', interrupt: true });
    expect(await speech.handlers.say({ text: 'Total 7 euros 98.', lang: 'en', interrupt: false })).toEqual({ outcome: 'queued' });
    expect(playbacks).toHaveLength(1);
    playbacks[0]!.end({ result: 'finished' });
    await flush();
    expect(playbacks.map((playback) => playback.utterance.text)).toEqual(['Your order.', 'Total 7 euros 98.']);
  });

  it('repeats the last utterance, at a new rate when asked, and keeps a record of what it was asked', async () => {
    const { engine, playbacks } = recordingEngine();
    const speech = createSpeechService({ engine, defaultRate: 1.2 });
    expect(await speech.handlers.repeatSpeech({})).toEqual({ outcome: 'nothing' });
    await speech.handlers.say({ text: 'Bitte Karte einstecken oder auflegen.', lang: 'de', interrupt: true });
    expect(await speech.handlers.repeatSpeech({ rate: 0.8 })).toEqual({ outcome: 'speaking' });
    expect(playbacks.map((playback) => playback.utterance)).toEqual([
      { text: 'Bitte Karte einstecken oder auflegen.', lang: 'de', rate: 1.2, volume: 1 },
      { text: 'Bitte Karte einstecken oder auflegen.', lang: 'de', rate: 0.8, volume: 1 },
    ]);
    expect(speech.spoken.map(({ text, lang, repeat, outcome }) => ({ text, lang, repeat, outcome }))).toEqual([
      { text: 'Bitte Karte einstecken oder auflegen.', lang: 'de', repeat: false, outcome: 'speaking' },
      { text: 'Bitte Karte einstecken oder auflegen.', lang: 'de', repeat: true, outcome: 'speaking' },
    ]);
  });

  it('keeps the record bounded, oldest dropped first', async () => {
    const { engine } = recordingEngine();
    const speech = createSpeechService({ engine, recordLimit: 3 });
    for (const text of ['one', 'two', 'three', 'four', 'five']) await speech.handlers.say({ text, lang: 'en', interrupt: true });
    expect(speech.spoken.map((entry) => entry.text)).toEqual(['three', 'four', 'five']);
  });

  it('logs each utterance as a speech_said event, and an output failure once per reason', async () => {
    const { log, events } = captureLog();
    const { engine, playbacks } = recordingEngine();
    const speech = createSpeechService({ engine, log });
    await speech.ready;
    await speech.handlers.say({ text: 'Hello', lang: 'en', interrupt: true });
    playbacks[0]!.end({ result: 'failed', reason: 'no default audio device' });
    await flush();
    await speech.handlers.say({ text: 'Hello again', lang: 'en', interrupt: true });
    playbacks[1]!.end({ result: 'failed', reason: 'no default audio device' });
    await flush();
    expect(events.filter((event) => event.event === 'speech_said').map((event) => event.text)).toEqual(['Hello', 'Hello again']);
    expect(events.filter((event) => event.event === 'speech_output_failed').map((event) => event.reason)).toEqual(['no default audio device']);
    expect(events.find((event) => event.event === 'speech_ready')).toMatchObject({ engine: 'recorder' });
  });

  it('without an engine: logs speech_unavailable, answers unavailable, still records the request', async () => {
    const { log, events } = captureLog();
    const { engine, playbacks } = recordingEngine({ available: false, reason: 'espeak-ng is not installed' });
    const speech = createSpeechService({ engine, log });
    expect(await speech.handlers.getSpeechStatus({})).toEqual({ available: false });
    expect(await speech.handlers.say({ text: 'Menu', lang: 'en', interrupt: true })).toEqual({ outcome: 'unavailable' });
    expect(playbacks).toEqual([]);
    expect(events.filter((event) => event.event === 'speech_unavailable')).toEqual([expect.objectContaining({ reason: 'espeak-ng is not installed', level: 40 })]);
    expect(speech.spoken.map((entry) => entry.outcome)).toEqual(['unavailable']);
  });
});

describe('speech contract', () => {
  const { engine } = recordingEngine();
  const dispatch = createDispatcher(createSpeechService({ engine }).handlers as unknown as KioskHandlers);

  it('bounds the text, names the language and rate it accepts', async () => {
    const tooLong = await dispatch('say', { text: 'x'.repeat(MAX_UTTERANCE_CHARS + 1), lang: 'en' });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('say', { text: '   ', lang: 'en' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('say', { text: 'Hi', lang: 'english' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('say input.lang') } });
    expect(await dispatch('say', { text: 'Hi', lang: 'en', rate: 10 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('say input.rate') } });
    expect(await dispatch('say', { text: 'Hi', lang: 'en', shell: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('say', { text: 'Hi', lang: 'de-DE' })).toEqual({ ok: true, output: { outcome: 'speaking' } });
  });
});
