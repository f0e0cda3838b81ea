// The espeak-ng engine for real (Debian packages espeak-ng and sox, installed by .ci/run):
// it renders audible speech in each language, it can be cut off, a missing audio device or
// a missing engine is logged and never ends the host, and the headphone socket's switch
// events become kiosk events.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/contract/index';
import { captureLog } from '../../../electron/host/log';
import { createEspeakEngine } from '../../../electron/host/speech/espeak-engine';
import { encodeInputEvent, headphoneEvent } from '../../../electron/host/speech/headphone-jack';
import { startHostSpeech } from '../../../electron/host/speech/index';
import { createSpeechService } from '../../../electron/host/speech/speech-service';
import { sampleStore } from '../../unit/menu/sample';

const dir = mkdtempSync(join(tmpdir(), 'counterpart-speech-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SINK = join(import.meta.dirname, 'realtime-audio-sink.mjs');

/** sox's own statistics of a sound file (`sox FILE -n stat` prints them on stderr). */
async function soxStat(file: string): Promise<Record<string, number>> {
  const { stderr } = await promisify(execFile)('sox', [file, '-n', 'stat']);
  const stats: Record<string, number> = {};
  for (const line of stderr.split('\n')) {
    const match = /^([A-Za-z ()]+?):\s+(-?[\d.]+)$/.exec(line.trim());
    if (match) stats[match[1]!.trim()] = Number(match[2]);
  }
  return stats;
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('espeak-ng engine', () => {
  it.each([
    ['en', 'Welcome. Press the select key to start your order.'],
    ['de', 'Willkommen. Drücken Sie die Auswahltaste, um Ihre Bestellung zu beginnen.'],
  ])('renders %s speech to a WAV file that is not silent', async (lang, text) => {
    const engine = createEspeakEngine();
    expect(await engine.probe()).toMatchObject({ available: true });
    const file = join(dir, `utterance-${lang}.wav`);
    await engine.renderToFile({ text, lang, rate: 1, volume: 1 }, file);
    const stats = await soxStat(file);
    expect(stats['Length (seconds)']).toBeGreaterThan(1);
    expect(stats['RMS     amplitude'] ?? stats['RMS amplitude']).toBeGreaterThan(0.01);
    expect(stats['Maximum amplitude']).toBeGreaterThan(0.1);
  });

  it('speaks faster at a higher rate (a shorter file for the same words)', async () => {
    const engine = createEspeakEngine();
    await engine.probe();
    const text = 'Cheeseburger, three euros forty-nine, 303 kilocalories.';
    await engine.renderToFile({ text, lang: 'en', rate: 1, volume: 1 }, join(dir, 'normal.wav'));
    await engine.renderToFile({ text, lang: 'en', rate: 2, volume: 1 }, join(dir, 'fast.wav'));
    const [normal, fast] = await Promise.all([soxStat(join(dir, 'normal.wav')), soxStat(join(dir, 'fast.wav'))]);
    expect(fast['Length (seconds)']!).toBeLessThan(normal['Length (seconds)']! * 0.75);
  });

  it('a new utterance cuts the one being spoken, through the audio output', async () => {
    const sinkLog = join(dir, 'sink.log');
    process.env.SINK_LOG = sinkLog;
    try {
      const speech = createSpeechService({ engine: createEspeakEngine({ playerPath: SINK }) });
      expect(await speech.ready).toBe(true);
      const lines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n') : []);
      await speech.handlers.say({ text: 'This sentence is long enough to take several seconds to say aloud, at the normal rate, on any kiosk.', lang: 'en', interrupt: true });
      const first = await until(() => lines().find((line) => line.startsWith('start'))?.split(' ')[1], 'the first utterance to start');
      await speech.handlers.say({ text: 'Stop.', lang: 'en', interrupt: true });
      const second = await until(() => lines().find((line) => line.startsWith('finished'))?.split(' ')[1], 'the second utterance to finish');
      expect(second).not.toBe(first);
      expect(lines()).toEqual([`start ${first}`, `stopped ${first}`, `start ${second}`, `finished ${second}`]);
      await speech.close();
    } finally {
      delete process.env.SINK_LOG;
    }
  });

  it('with no audio device: the failure is logged once, nothing crashes, the next request is answered', async () => {
    const saved = { driver: process.env.AUDIODRIVER, device: process.env.AUDIODEV };
    process.env.AUDIODRIVER = 'alsa';
    process.env.AUDIODEV = 'counterpart-no-such-device';
    try {
      const { log, events } = captureLog();
      const speech = createSpeechService({ engine: createEspeakEngine(), log });
      expect(await speech.ready).toBe(true);
      expect(await speech.handlers.say({ text: 'Hello', lang: 'en', interrupt: true })).toEqual({ outcome: 'speaking' });
      await until(() => events.find((event) => event.event === 'speech_output_failed'), 'the output failure');
      expect(await speech.handlers.say({ text: 'Hello again', lang: 'en', interrupt: false })).toMatchObject({ outcome: expect.stringMatching(/speaking|queued/) });
      await speech.close();
      const failures = events.filter((event) => event.event === 'speech_output_failed');
      expect(failures).toHaveLength(1);
      expect(String(failures[0]!.reason)).toMatch(/counterpart-no-such-device|audio device|FAIL/);
    } finally {
      for (const [name, value] of [['AUDIODRIVER', saved.driver], ['AUDIODEV', saved.device]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('without espeak-ng: logs speech_unavailable with how to install it, and answers unavailable', async () => {
    const { log, events } = captureLog();
    const engine = createEspeakEngine({ espeakPath: join(dir, 'no-espeak-ng-here') });
    const speech = createSpeechService({ engine, log });
    expect(await speech.handlers.say({ text: 'Hello', lang: 'en', interrupt: true })).toEqual({ outcome: 'unavailable' });
    expect(events.find((event) => event.event === 'speech_unavailable')).toMatchObject({ reason: expect.stringContaining('apt install espeak-ng') });
    await speech.close();
  });
});

describe('headphone socket', () => {
  it('turns the jack switch events of a Linux input device into kiosk events', async () => {
    const fifo = join(dir, 'headphone-event-device');
    execFileSync('mkfifo', [fifo]);
    const { log } = captureLog();
    const emitted: KioskEvent[] = [];
    const engine = createEspeakEngine({ espeakPath: join(dir, 'no-espeak-ng-here') });
    const speech = startHostSpeech({ store: { ...sampleStore, accessibility: { headphoneJackDevice: fifo } }, emit: (event) => emitted.push(event), log, engine });
    // The kernel writes whole events; a key event in between is not ours.
    // Opened off the main thread: a FIFO's open waits for its reader, which opens on the next tick.
    const writer = await open(fifo, 'w');
    await writer.write(Buffer.concat([encodeInputEvent(headphoneEvent(true)), encodeInputEvent({ type: 1, code: 28, value: 1 })]));
    const unplugged = encodeInputEvent(headphoneEvent(false));
    await writer.write(unplugged.subarray(0, 10));
    await writer.write(unplugged.subarray(10));
    await until(() => (emitted.length >= 2 ? true : undefined), 'two headphone events');
    await writer.close();
    expect(emitted).toEqual([
      { type: 'speech.headphones', plugged: true },
      { type: 'speech.headphones', plugged: false },
    ]);
    await speech.close();
  });

  it('logs a missing device and carries on', async () => {
    const { log, events } = captureLog();
    const engine = createEspeakEngine({ espeakPath: join(dir, 'no-espeak-ng-here') });
    const speech = startHostSpeech({ store: { ...sampleStore, accessibility: { headphoneJackDevice: join(dir, 'no-such-event-device') } }, emit: () => undefined, log, engine });
    await until(() => events.find((event) => event.event === 'headphone_jack_unavailable'), 'the log event');
    expect(events.find((event) => event.event === 'headphone_jack_unavailable')).toMatchObject({ code: 'ENOENT' });
    await speech.close();
  });
});
