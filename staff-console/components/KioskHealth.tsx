import type { KioskStatusMessage } from '../../common/store-bus/messages';
import { useConsoleI18n } from '../i18n';

/** One kiosk: online with its device problems and menu version, or offline and why. */
export function KioskHealth({ kiosk }: { kiosk: KioskStatusMessage }) {
  const { t } = useConsoleI18n();
  if (kiosk.state === 'offline') {
    return (
      <li className="kiosk offline" aria-label={t.kioskLabel(kiosk.kioskId)}>
        <strong>{t.kioskLabel(kiosk.kioskId)}</strong> · <span className="health bad">{t.offline}</span> {t.offlineCauses[kiosk.cause]}
      </li>
    );
  }
  const problems = [kiosk.devices.printer !== 'ok' ? (t.printer[kiosk.devices.printer] ?? kiosk.devices.printer) : null, kiosk.devices.terminal === 'down' ? t.terminalDown : null].filter(Boolean);
  return (
    <li className="kiosk online" aria-label={t.kioskLabel(kiosk.kioskId)}>
      <strong>{t.kioskLabel(kiosk.kioskId)}</strong> · <span className="health ok">{t.online}</span> ·{' '}
      {problems.length ? <span className="health bad">{problems.join(' · ')}</span> : <span>{t.allDevicesReady}</span>} · {t.menuVersion(kiosk.menuVersion)}
    </li>
  );
}
