/** Only same-site paths: never an open redirect to another host. */
export function safeNext(value: FormDataEntryValue | string | null | undefined): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
