// Messages the console could not read, by topic and reason: shown, never applied, so one bad
// publisher is visible to staff without blanking anything else.
import type { BrokenMessage } from '../console-state';
import { useConsoleI18n } from '../i18n';

export function BrokenMessages({ broken }: { broken: BrokenMessage[] }) {
  const { t } = useConsoleI18n();
  if (broken.length === 0) return null;
  return (
    <section aria-labelledby="broken-heading" className="panel broken">
      <h2 id="broken-heading">{t.brokenHeading(broken.length)}</h2>
      <ul aria-labelledby="broken-heading">
        {broken.map((message) => (
          <li key={message.topic}>
            <code>{t.brokenMessage(message.topic, message.reason)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
