// A short two-tone beep for a new help request (Web Audio). The context is
// created on the sign-in tap, because browsers only allow sound after a gesture.
let context: AudioContext | null = null;

export function unlockSound(): void {
  if (!context && typeof AudioContext !== 'undefined') context = new AudioContext();
  void context?.resume();
}

export function beep(): void {
  if (!context) return;
  const start = context.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.25, 660]] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.22);
  }
}
