// A virtual null-modem cable: socat joins two pseudo-terminals, reachable under stable link
// paths. Killing socat is an unplug; starting it again at the same paths plugs the cable back in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the kiosk opens (like /dev/ttyUSB0). */
  hostPath: string;
  /** The end the simulated device opens. */
  devicePath: string;
  /** Kills socat: both ends see a disconnect. */
  unplug(): Promise<void>;
  /** Starts socat again at the same paths. */
  plug(): Promise<void>;
  stop(): Promise<void>;
}

const waitFor = async (check: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`socat: ${what} did not appear within ${timeoutMs} ms – is socat installed (apt install socat)?`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const WITH_PARENT_DEATH_SIGNAL = process.platform === 'linux' && existsSync('/usr/bin/setpriv');

export async function startPtyPair(name: string, directory = mkdtempSync(join(tmpdir(), 'counterpart-serial-'))): Promise<PtyPair> {
  const hostPath = join(directory, `${name}-host`);
  const devicePath = join(directory, `${name}-device`);
  let socat: ChildProcess | undefined;

  const plug = async (): Promise<void> => {
    if (socat) return;
    const socatArgs = [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`];
    // setpriv makes the kernel kill socat when this process dies, even by SIGKILL,
    // so a crashed kiosk host never leaves its simulated serial lines behind.
    const child = WITH_PARENT_DEATH_SIGNAL
      ? spawn('setpriv', ['--pdeathsig', 'KILL', '--', 'socat', ...socatArgs], { stdio: 'ignore' })
      : spawn('socat', socatArgs, { stdio: 'ignore' });
    socat = child;
    child.once('exit', () => {
      if (socat === child) socat = undefined;
    });
    await waitFor(() => existsSync(hostPath) && existsSync(devicePath), 5000, `${hostPath}`);
  };

  const unplug = async (): Promise<void> => {
    const child = socat;
    if (!child) return;
    socat = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(hostPath) && !existsSync(devicePath), 2000, 'removal of the links').catch(() => undefined);
  };

  await plug();
  return { hostPath, devicePath, unplug, plug, stop: unplug };
}
