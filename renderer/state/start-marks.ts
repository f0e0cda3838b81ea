// The launch's stages as performance marks ("kiosk:<stage>"), first time only: bench/start.ts reads
// them to say where the time to an interactive attract screen goes; bench/interaction.ts waits for
// the pictures drawn before it measures an order.
export type StartStage = 'script' | 'host-answered' | 'data-open' | 'menu-ready' | 'ready' | 'attract-interactive' | 'recovered' | 'pictures-drawn';

export function markStart(stage: StartStage): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const name = `kiosk:${stage}`;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}
