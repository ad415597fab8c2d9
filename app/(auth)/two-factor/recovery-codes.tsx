/** Recovery codes as they are shown, once: a list to copy or print, and a text file to keep. */
export function RecoveryCodes({ codes, email }: { codes: string[]; email: string }) {
  const text = `Antom Refunds recovery codes for ${email}\nEach works once, in place of a code from your app.\n\n${codes.join('\n')}\n`;
  return (
    <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
      <h2 className="text-base font-semibold text-emerald-950">Save your recovery codes</h2>
      <p className="mt-1 text-sm text-emerald-900">
        If you lose your phone, each of these signs you in once instead of a code from the app. Keep them somewhere
        safe, apart from your phone. They are not shown again.
      </p>
      <ol
        data-testid="recovery-codes"
        className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 rounded-md bg-white p-3 font-mono text-sm text-slate-900 select-all min-[400px]:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <a
        href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        download="antom-refunds-recovery-codes.txt"
        className="mt-3 inline-block rounded-md border border-emerald-300 bg-white px-3 py-1.5 text-sm font-medium text-emerald-900 hover:bg-emerald-100 focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:outline-none"
      >
        Download as a text file
      </a>
    </div>
  );
}
