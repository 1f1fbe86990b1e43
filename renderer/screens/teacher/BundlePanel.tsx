/**
 * Bundles in and out: import a student's bundle (or a teacher's notes) from a file, recognised by
 * its content; export a profile's log or notes after showing what the file will contain, with an
 * optional passphrase. Health data: the export says so before anything is written.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { BundleSummary, ImportReport } from '../../../core/api/teacher-schemas';
import { saveExport } from '../../download';
import { formatDay } from '../../format';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportBundle({ api, onImported, onError }: { api: EvenkeysApi; onImported: (report: ImportReport) => void; onError: (m: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [as, setAs] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [needsName, setNeedsName] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    try {
      const content = toBase64(new Uint8Array(await file.arrayBuffer()));
      const report = await api.importBundle({ content, ...(passphrase ? { passphrase } : {}), ...(as.trim() ? { as: as.trim() } : {}) });
      setResult(
        `${report.createdProfile ? 'Added' : 'Updated'} ${report.profile.name}: ${report.sessionsAdded} new session${report.sessionsAdded === 1 ? '' : 's'}` +
          `${report.sessionsAlreadyHere ? ` (${report.sessionsAlreadyHere} already here)` : ''}, ${report.annotationsAdded} new note${report.annotationsAdded === 1 ? '' : 's'}` +
          `${report.handCorrectionsAdded ? `, ${report.handCorrectionsAdded} hand correction${report.handCorrectionsAdded === 1 ? '' : 's'} applied` : ''}.`,
      );
      setNeedsName(false);
      onImported(report);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/already exists here/.test(message)) setNeedsName(true);
      onError(message);
    }
  };

  return (
    <form className="card bundle-form" onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
      <h2 id="import-title">Import a bundle</h2>
      <p className="muted small">A student's practice log or a teacher's notes, as sent to you. It is checked before anything is saved; a bad file changes nothing.</p>
      <div className="field">
        <label htmlFor="bundle-file">Bundle file</label>
        <input id="bundle-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="bundle-pass">Passphrase (if it was encrypted)</label>
        <input id="bundle-pass" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      {needsName ? (
        <div className="field">
          <label htmlFor="bundle-as">A name for this student here</label>
          <input id="bundle-as" value={as} onChange={(e) => setAs(e.target.value)} placeholder="e.g. Ana (student)" />
        </div>
      ) : null}
      <button type="submit" className="button" disabled={!file}>Import</button>
      {result ? <p className="ok-line" role="status">{result}</p> : null}
    </form>
  );
}

export function ExportBundle({ api, profileId, readOnly, onError }: { api: EvenkeysApi; profileId: number; readOnly: boolean; onError: (m: string) => void }) {
  const [notesOnly, setNotesOnly] = useState(readOnly);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<BundleSummary | null>(null);

  const check = async () => {
    try {
      setPreview(await api.previewBundle({ profileId, annotationsOnly: notesOnly }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };
  const write = async () => {
    try {
      const { file } = await api.exportBundle({ profileId, annotationsOnly: notesOnly, ...(passphrase ? { passphrase } : {}) });
      saveExport(file);
      setPreview(null);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="card bundle-form" aria-labelledby="export-title">
      <h2 id="export-title">Send a bundle</h2>
      <label className="check"><input type="checkbox" checked={notesOnly} onChange={(e) => { setNotesOnly(e.target.checked); setPreview(null); }} /> Notes only (your annotations, no MIDI)</label>
      <div className="field">
        <label htmlFor="export-pass">Passphrase (recommended for email; tell it by another way)</label>
        <input id="export-pass" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      {preview === null ? (
        <button type="button" className="button ghost" onClick={() => void check()}>Check what it contains…</button>
      ) : (
        <div className="preview" role="status">
          <p>
            <strong>{preview.profileName}</strong>:{' '}
            {preview.kind === 'annotations'
              ? `${preview.annotations} notes, no MIDI.`
              : `${preview.sessions} sessions${preview.firstSession ? ` (${formatDay(preview.firstSession)} to ${formatDay(preview.lastSession ?? preview.firstSession)})` : ''}, ${preview.rawEvents.toLocaleString()} MIDI messages, ${preview.deviceGaps} device gaps, ${preview.annotations} notes${preview.handCorrections > 0 ? `, ${preview.handCorrections} hand corrections` : ''}.`}
          </p>
          <p className="muted small">This is health-related data. {passphrase.length >= 8 ? 'It will be encrypted with your passphrase.' : 'It will NOT be encrypted.'}</p>
          <button type="button" className="button" disabled={passphrase.length > 0 && passphrase.length < 8} onClick={() => void write()}>Export</button>{' '}
          <button type="button" className="button ghost" onClick={() => setPreview(null)}>Cancel</button>
        </div>
      )}
    </div>
  );
}
