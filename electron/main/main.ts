// Electron entry point (bundled to dist/electron/main.cjs by electron/build.ts).
import * as electron from 'electron';
import { runKiosk } from './kiosk-app';

runKiosk(electron).catch((error: unknown) => {
  console.error('Counterpart failed to start', error);
  electron.app.exit(1);
});
