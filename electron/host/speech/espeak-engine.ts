// The espeak-ng engine (Debian package `espeak-ng`). espeak-ng renders WAV to stdout and
// sox's `play` (package `sox`) sends it to the default audio output; where `play` is
// missing, espeak-ng plays by itself. sox is preferred because it reports a missing audio
// device (espeak-ng alone stays silent and says nothing). Text goes in on stdin, never as
// an argument, so no text can be read as an option. Stopping kills both processes.
import { spawn, type ChildProcess } from 'node:child_process';
import type { EngineProbe, Playback, PlaybackEnd, SpeechEngine, Utterance } from './speech-engine';

export interface EspeakEngineOptions {
  /** The espeak-ng binary (default: "espeak-ng" on the PATH). */
  espeakPath?: string;
  /** sox's play binary (default: "play" on the PATH); null: espeak-ng plays by itself. */
  playerPath?: string | null;
  /** Language → espeak-ng voice; other languages use the language code itself. */
  voices?: Record<string, string>;
}

/** espeak-ng's normal rate in words per minute and its allowed range. */
const NORMAL_WPM = 175;
const WPM_RANGE = [80, 450] as const;
/** espeak-ng's amplitude: 100 is normal, 200 its maximum. */
const NORMAL_AMPLITUDE = 100;
const MAX_AMPLITUDE = 200;
/** Kept of a process's stderr to explain a failure. */
const STDERR_LIMIT = 2000;

export const DEFAULT_VOICES: Record<string, string> = { en: 'en-gb', de: 'de' };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Control characters would be spoken as noise or split the text oddly. */
const isControl = (char: string) => {
  const code = char.codePointAt(0)!;
  return (code < 0x20 && char !== '\n' && char !== '\t') || code === 0x7f;
};
const cleanText = (text: string) => [...text].map((char) => (isControl(char) ? ' ' : char)).join('');

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child: ChildProcess;
    try {
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, stdout, stderr, error: error as NodeJS.ErrnoException });
      return;
    }
    child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-STDERR_LIMIT)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_LIMIT)));
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr, error }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('ALSA lib'))
    .pop() ?? '';

export function createEspeakEngine(options: EspeakEngineOptions = {}): SpeechEngine {
  const espeak = options.espeakPath ?? 'espeak-ng';
  const voices = { ...DEFAULT_VOICES, ...options.voices };
  // Decided by probe(): sox's play when it runs here, else espeak-ng's own audio.
  let player: string | null = null;

  const voiceArgs = (utterance: Utterance): string[] => {
    const language = utterance.lang.split('-')[0]!.toLowerCase();
    return [
      '-v',
      voices[utterance.lang] ?? voices[language] ?? language,
      '-s',
      String(Math.round(clamp(NORMAL_WPM * utterance.rate, ...WPM_RANGE))),
      '-a',
      String(Math.round(clamp(NORMAL_AMPLITUDE * utterance.volume, 0, MAX_AMPLITUDE))),
    ];
  };

  return {
    name: 'espeak-ng',

    async probe(): Promise<EngineProbe> {
      const version = await run(espeak, ['--version']);
      if (version.error || version.code !== 0) {
        const reason = version.error?.code === 'ENOENT' ? `${espeak} is not installed (Debian: apt install espeak-ng)` : `${espeak} --version failed: ${version.error?.message ?? lastLine(version.stderr)}`;
        return { available: false, reason };
      }
      const wanted = options.playerPath === undefined ? 'play' : options.playerPath;
      if (wanted !== null) {
        const sox = await run(wanted, ['--version']);
        player = !sox.error && sox.code === 0 ? wanted : null;
      }
      return { available: true, detail: `${lastLine(version.stdout)}; audio through ${player ?? 'espeak-ng itself'}` };
    },

    play(utterance: Utterance): Playback {
      const children: ChildProcess[] = [];
      let stopped = false;
      let stderr = '';
      const keepStderr = (child: ChildProcess) => child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_LIMIT)));
      const exited = (child: ChildProcess) =>
        new Promise<{ code: number | null; error?: Error }>((resolve) => {
          child.once('error', (error) => resolve({ code: null, error }));
          child.once('close', (code) => resolve({ code }));
        });

      const synth = spawn(espeak, [...voiceArgs(utterance), ...(player ? ['--stdout'] : []), '--stdin'], {
        stdio: ['pipe', player ? 'pipe' : 'ignore', 'pipe'],
      });
      children.push(synth);
      keepStderr(synth);
      const waits = [exited(synth)];
      if (player) {
        const output = spawn(player, ['-q', '-t', 'wav', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
        children.push(output);
        keepStderr(output);
        waits.push(exited(output));
        // A player that quits early (no audio device) closes its stdin: not an error of ours.
        output.stdin?.on('error', () => undefined);
        synth.stdout?.on('error', () => undefined);
        if (synth.stdout && output.stdin) synth.stdout.pipe(output.stdin);
      }
      synth.stdin?.on('error', () => undefined);
      synth.stdin?.end(cleanText(utterance.text));

      const done: Promise<PlaybackEnd> = Promise.all(waits).then((ends) => {
        if (stopped) return { result: 'stopped' };
        const failed = ends.find((end) => end.error || end.code !== 0);
        if (!failed) return { result: 'finished' };
        return { result: 'failed', reason: failed.error?.message ?? (lastLine(stderr) || `exit code ${failed.code}`) };
      });
      return {
        done,
        stop() {
          if (stopped) return;
          stopped = true;
          for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        },
      };
    },

    async renderToFile(utterance: Utterance, file: string): Promise<void> {
      const child = spawn(espeak, [...voiceArgs(utterance), '-w', file, '--stdin'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_LIMIT)));
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(cleanText(utterance.text));
      const end = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
        child.once('error', (error) => resolve({ code: null, error }));
        child.once('close', (code) => resolve({ code }));
      });
      if (end.error || end.code !== 0) throw new Error(`${espeak} could not render to ${file}: ${end.error?.message ?? (lastLine(stderr) || `exit code ${end.code}`)}`);
    },
  };
}
