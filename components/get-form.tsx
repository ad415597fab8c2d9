/**
 * A GET form for filters: a plain HTML form, so it needs no JavaScript and the URL always says what
 * is shown (links are shareable, Back works). The browser sends empty fields too; proxy.ts sends it
 * on to the same URL without them, so a shared link reads "?status=FAIL" and not
 * "?status=FAIL&method=&channel=...".
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
    <form method="get" action={action} className={className} aria-label={label}>
      {children}
    </form>
  );
}
