'use client';

import Form from 'next/form';

/**
 * A GET form for filters: next/form gives client-side navigation (the URL changes, so links are
 * shareable and Back works) and still submits natively without JavaScript. Empty fields are left
 * out of the URL, so a shared link reads "?status=FAIL" and not "?status=FAIL&method=&channel=...".
 */
export function GetForm({
  action,
  className,
  label,
  children,
}: {
  action: string;
  className?: string;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <Form action={action} className={className} aria-label={label} onSubmit={dropEmptyFields}>
      {children}
    </Form>
  );
}

function dropEmptyFields(event: React.FormEvent<HTMLFormElement>) {
  const empty = Array.from(event.currentTarget.elements).filter(
    (el): el is HTMLInputElement | HTMLSelectElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
      el.name !== '' &&
      el.value === '' &&
      !el.disabled,
  );
  // next/form reads the form data right after this handler; disabled fields are not in it.
  for (const el of empty) el.disabled = true;
  setTimeout(() => {
    for (const el of empty) el.disabled = false;
  });
}
