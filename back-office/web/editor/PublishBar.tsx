// Publish from the editor: the kiosk's validator must pass here, and the server checks
// again (schema, store config, images) before a version is assigned and sent.
import { useState } from 'react';
import type { Menu } from '../../../common/menu/schema';
import { api, ApiError, errorText, type BackOfficeState } from '../api';
import { describePath, type MenuDraft } from './draft';

export const PublishBar = ({ draft, state, onPublished }: { draft: MenuDraft; state: BackOfficeState; onPublished: (menu: Menu) => Promise<void> }) => {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    if (draft.errors.length > 0) {
      setMessage({ kind: 'error', lines: ['Not published: fix these first.', ...draft.errors.map((error) => `${describePath(draft.menu, error.path)}: ${error.message}`)] });
      return;
    }
    setBusy(true);
    try {
      const result = await api<{ version: string; summary: string[] }>('POST', 'publish', { menu: draft.menu });
      setMessage({ kind: 'ok', lines: [`Published version ${result.version}: ${result.summary.join('; ')}`] });
      await onPublished({ ...draft.menu, version: result.version });
    } catch (error) {
      const lines = error instanceof ApiError && error.errors.length > 0 ? error.errors.map((problem) => `${describePath(draft.menu, problem.path)}: ${problem.message}`) : [];
      setMessage({ kind: 'error', lines: [`Not published: ${errorText(error)}`, ...lines] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="bo-primary" onClick={() => void publish()} disabled={busy || !state.busOnline}>
        Publish
      </button>
      {message ? (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'bo-error' : 'bo-ok'}>
          {message.lines.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      ) : null}
    </>
  );
};
