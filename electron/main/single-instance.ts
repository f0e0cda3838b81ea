// One kiosk per machine: a second launch hands over to the first one (which comes
// to the front) and quits, so two windows never fight over the serial devices.
import type { App } from 'electron';

export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, showExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', showExisting);
  return true;
}
