// CPU time of the kiosk's own processes (Linux /proc): the host, and Chromium's browser and
// renderer processes, found by the user-data dir on their command lines. On a 2-core machine a
// rate is bounded by the CPU each order costs; these say where that time goes.
import { readdirSync, readFileSync } from 'node:fs';

export interface KioskCpu {
  host: number;
  /** Chromium's browser process (IndexedDB's backend runs there). */
  browser: number;
  renderers: number;
  /** GPU, network and other utility processes. */
  otherChromium: number;
}

/** CPU ms so far of each process (by pid) and what it is. */
export type CpuReading = Map<string, { kind: keyof KioskCpu; ms: number }>;

/** USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on Linux. */
const TICK_MS = 10;

/** The kiosk's processes and their CPU so far, or null where /proc cannot tell (not Linux). */
export function readKioskCpu(hostPid: number, chromiumProfileDir: string): CpuReading | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const reading: CpuReading = new Map();
  for (const pid of pids) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const isHost = Number(pid) === hostPid;
      if (!isHost && !commandLine.includes(chromiumProfileDir)) continue;
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      const kind = isHost ? 'host' : commandLine.includes('--type=renderer') ? 'renderers' : commandLine.includes('--type=') ? 'otherChromium' : 'browser';
      reading.set(pid, { kind, ms });
    } catch {
      // The process ended meanwhile.
    }
  }
  return reading;
}

/** CPU used between two readings, per order, in ms: a process started meanwhile counts from zero, one that ended is left out. */
export function cpuPerOrder(before: CpuReading, after: CpuReading, orders: number): KioskCpu {
  const cpu: KioskCpu = { host: 0, browser: 0, renderers: 0, otherChromium: 0 };
  for (const [pid, { kind, ms }] of after) cpu[kind] += (ms - (before.get(pid)?.ms ?? 0)) / orders;
  return cpu;
}
