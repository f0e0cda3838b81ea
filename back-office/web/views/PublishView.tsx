// Versions, roll back, import/export, and which kiosk runs which version.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText, type BackOfficeState, type VersionRow } from '../api';

const when = (ms: number) => new Date(ms).toLocaleString();

export const PublishView = ({ state, onChanged }: { state: BackOfficeState; onChanged: () => Promise<void> }) => {
  const [versions, setVersions] = useState<VersionRow[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const load = useCallback(async () => setVersions((await api<{ versions: VersionRow[] }>('GET', 'versions')).versions), []);
  useEffect(() => {
    api<{ versions: VersionRow[] }>('GET', 'versions').then(
      (found) => setVersions(found.versions),
      (error: unknown) => setMessage({ kind: 'error', text: errorText(error) }),
    );
  }, [state.published?.version]);

  const rollback = async (version: string) => {
    try {
      const result = await api<{ version: string; summary: string[] }>('POST', 'rollback', { version });
      setMessage({ kind: 'ok', text: `Version ${result.version} is published again: ${result.summary.join('; ')}` });
      await onChanged();
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  const importFile = async (file: File) => {
    try {
      const result = await api<{ errors: { path: string; message: string }[] }>('POST', 'import', undefined, { raw: await file.text(), headers: { 'Content-Type': 'application/json' } });
      setMessage({ kind: result.errors.length > 0 ? 'error' : 'ok', text: result.errors.length > 0 ? `Imported as the draft, with ${result.errors.length} problem(s) to fix in the editor: ${result.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}` : 'Imported as the draft: review it in the editor and publish.' });
      await onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  const rollout = state.rollout;
  return (
    <main className="bo-publish">
      <h2>Published menu</h2>
      <p>{state.published ? `Version ${state.published.version}, published ${when(state.published.publishedAt)} by ${state.published.publishedBy}.` : 'Nothing published yet.'}</p>
      {rollout ? (
        <p>
          <label>
            Kiosks running {rollout.version}: {rollout.done} of {rollout.online} online{' '}
            <progress max={Math.max(1, rollout.online)} value={rollout.done} />
          </label>
        </p>
      ) : null}
      {message ? <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'bo-error' : 'bo-ok'}>{message.text}</p> : null}
      <h2>Kiosks</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Kiosk</th>
            <th scope="col">State</th>
            <th scope="col">Menu version</th>
            <th scope="col">Printer</th>
            <th scope="col">Terminal</th>
          </tr>
        </thead>
        <tbody>
          {state.kiosks.map((kiosk) => (
            <tr key={kiosk.kioskId}>
              <th scope="row">{kiosk.kioskId}</th>
              <td>{kiosk.state}</td>
              <td>{kiosk.menuVersion ?? '–'}</td>
              <td>{kiosk.printer ?? '–'}</td>
              <td>{kiosk.terminal ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">What changed</th>
            <th scope="col">Made</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">{version.version}</th>
              <td>{version.summary}</td>
              <td>
                {when(version.createdAt)} by {version.createdBy}
              </td>
              <td>
                <a href={`/back-office/api/versions/${encodeURIComponent(version.version)}/menu.json`} download>
                  Export {version.version}
                </a>{' '}
                {version.version === state.published?.version ? (
                  <span>(published)</span>
                ) : (
                  <button type="button" onClick={() => void rollback(version.version)} disabled={!state.busOnline}>
                    Roll back to {version.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Import</h2>
      <label>
        Import a menu file (the JSON that menu:check validates); it becomes the draft{' '}
        <input type="file" accept="application/json,.json" onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
      </label>
    </main>
  );
};
