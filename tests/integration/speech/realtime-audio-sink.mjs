#!/usr/bin/env node
// A stand-in for sox's `play` on a machine without a sound card: it takes the WAV stream on
// stdin at the pace a sound card would (the byte rate in the WAV header), so speech takes as
// long as it would aloud, and it logs to $SINK_LOG when it starts, finishes or is stopped.
import { appendFileSync } from 'node:fs';

if (process.argv.includes('--version')) {
  console.log('realtime-audio-sink 1');
  process.exit(0);
}
const logFile = process.env.SINK_LOG;
const note = (line) => logFile && appendFileSync(logFile, `${line} ${process.pid}\n`);
// Before 'start' is noted: a test may stop the sink the moment it sees it.
process.on('SIGTERM', () => {
  note('stopped');
  process.exit(143);
});
note('start');

let header = Buffer.alloc(0);
let byteRate = 0;
let received = 0;
const startedAt = Date.now();

process.stdin.on('data', (chunk) => {
  if (byteRate === 0) {
    header = Buffer.concat([header, chunk]);
    if (header.length < 44) return;
    byteRate = header.readUInt32LE(28);
    received = header.length - 44;
  } else {
    received += chunk.length;
  }
  const dueInMs = (received / byteRate) * 1000 - (Date.now() - startedAt);
  if (dueInMs > 0) {
    process.stdin.pause();
    setTimeout(() => process.stdin.resume(), dueInMs);
  }
});
process.stdin.on('end', () => {
  note('finished');
  process.exit(0);
});
