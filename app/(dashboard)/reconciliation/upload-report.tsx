'use client';

import { useState } from 'react';
import { PRIMARY_BUTTON } from '@/components/form-controls';

/** What the server answers for an import, worded there (app/api/reports/upload/route.ts). */
interface Outcome {
  reportDate: string;
  words: { headline: string; details: string };
}

// Uploads one report with XMLHttpRequest (fetch has no upload progress), the file as the raw body, so the
// server streams it into the import. Progress: sending, then importing (the server answers when done).
export function UploadReport() {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'sending' | 'importing'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a report file first.');
      return;
    }
    setError(null);
    setOutcome(null);
    setSent(0);
    setPhase('sending');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/reports/upload');
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setSent(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      setSent(100);
      setPhase('importing');
    };
    xhr.onerror = () => {
      setPhase('idle');
      setError('The upload did not reach the server. Check the connection and try again.');
    };
    xhr.onload = () => {
      setPhase('idle');
      let body: (Outcome & { error?: string }) | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Outcome & { error?: string };
      } catch {
        body = null;
      }
      if (xhr.status !== 200 || !body || body.error) {
        setError(body?.error ?? `The server answered ${xhr.status}.`);
        return;
      }
      setOutcome(body);
    };
    xhr.send(file);
  };

  const busy = phase !== 'idle';
  return (
    <form onSubmit={upload} className="space-y-3" aria-label="Upload an Antom report">
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Report file (CSV, at most 1 GB)</span>
          <input
            type="file"
            name="report"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full max-w-xs text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </label>
        <button type="submit" disabled={busy} className={`${PRIMARY_BUTTON} disabled:opacity-60`}>
          {phase === 'sending' ? 'Uploading…' : phase === 'importing' ? 'Importing…' : 'Upload and reconcile'}
        </button>
      </div>
      {sent !== null && (busy || outcome) && (
        <div>
          <progress
            value={phase === 'importing' ? undefined : sent}
            max={100}
            aria-label="Upload progress"
            className="h-2 w-full max-w-md"
          />
          <p className="mt-1 text-xs text-slate-500" aria-live="polite">
            {phase === 'sending'
              ? `Sent ${sent}%`
              : phase === 'importing'
                ? 'Sent 100%. Importing and reconciling…'
                : 'Done.'}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      {outcome && (
        <div
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          <p className="font-medium">{outcome.words.headline}</p>
          <p>
            {outcome.words.details}{' '}
            <a
              className="font-medium text-blue-700 underline"
              href={`/reconciliation?from=${outcome.reportDate}&to=${outcome.reportDate}`}
            >
              Show that day
            </a>
          </p>
        </div>
      )}
    </form>
  );
}
