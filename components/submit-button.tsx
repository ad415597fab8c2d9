// The submit button of every action form: disabled while its action runs, and saying what it is
// doing meanwhile, so a double click is never a second request.
const LOOKS = {
  primary: 'button-primary w-full px-4 py-2.5',
  secondary:
    'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60',
} as const;

export function SubmitButton({
  pending,
  busy,
  children,
  look = 'primary',
  disabled = false,
}: {
  /** The action is running: show `busy` instead of the label. */
  pending: boolean;
  busy: string;
  children: React.ReactNode;
  look?: keyof typeof LOOKS;
  /** Disabled for another reason too (e.g. a sibling form's action is running). */
  disabled?: boolean;
}) {
  return (
    <button type="submit" disabled={pending || disabled} className={LOOKS[look]}>
      {pending ? busy : children}
    </button>
  );
}
