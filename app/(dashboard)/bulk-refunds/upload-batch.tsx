'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PRIMARY_BUTTON } from '@/components/form-controls';

// Uploads one bulk refund file with XMLHttpRequest (fetch has no upload progress), the file as the raw
// body, so the server streams it into the dry run; then opens the batch's page.
export function UploadBatch() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<'idle' | 'sending' | 'checking'>('idle');
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const upload = (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a CSV file first.');
      return;
    }
    setError(null);
    setSent(0);
    setPhase('sending');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/bulk-refunds/upload');
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setSent(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => setPhase('checking');
    xhr.onerror = () => {
      setPhase('idle');
      setError('The upload did not reach the server. Check the connection and try again.');
    };
    xhr.onload = () => {
      let body: { batchId?: string; error?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText) as { batchId?: string; error?: string };
      } catch {
        body = null;
      }
      if (xhr.status !== 200 || !body?.batchId) {
        setPhase('idle');
        setError(body?.error ?? `The server answered ${xhr.status}.`);
        return;
      }
      router.push(`/bulk-refunds/${body.batchId}`);
    };
    xhr.send(file);
  };

  const busy = phase !== 'idle';
  return (
    <form onSubmit={upload} className="space-y-3" aria-label="Upload a bulk refund file">
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Refund file (CSV, up to 10,000 rows)</span>
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full max-w-xs text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </label>
        <button type="submit" disabled={busy} className={`${PRIMARY_BUTTON} disabled:opacity-60`}>
          {phase === 'sending' ? 'Uploading…' : phase === 'checking' ? 'Checking every row…' : 'Upload and dry-run'}
        </button>
      </div>
      {busy && (
        <div>
          <progress
            value={phase === 'checking' ? undefined : sent}
            max={100}
            aria-label="Upload progress"
            className="h-2 w-full max-w-md"
          />
          <p className="mt-1 text-xs text-slate-500" aria-live="polite">
            {phase === 'sending' ? `Sent ${sent}%` : 'Sent. Checking every row against its payment…'}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
    </form>
  );
}
