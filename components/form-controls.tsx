// Labelled inputs for the filter forms: every control has a visible label, hints and errors are
// tied to it with aria-describedby, and focus is always visible.
const CONTROL =
  'block h-10 w-full rounded-md border bg-white px-2.5 text-base text-slate-900 sm:h-9 sm:text-sm shadow-xs focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function FieldShell({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  id,
  name = id,
  label,
  value,
  options,
  hint,
  error,
  className,
}: {
  id: string;
  /** Defaults to the id: a filter's field, its query parameter and its control share one name. */
  name?: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  hint?: string;
  error?: string;
  className?: string;
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${CONTROL} pr-8 ${error ? 'border-rose-500' : 'border-slate-300'}`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function InputField({
  id,
  name = id,
  label,
  value,
  type = 'text',
  hint,
  error,
  placeholder,
  inputMode,
  className,
  list,
  maxLength,
}: {
  id: string;
  /** Defaults to the id. */
  name?: string;
  label: string;
  value: string;
  type?: 'text' | 'search';
  hint?: string;
  error?: string;
  placeholder?: string;
  inputMode?: 'decimal' | 'text';
  className?: string;
  list?: string;
  maxLength?: number;
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        placeholder={placeholder}
        inputMode={inputMode}
        list={list}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${CONTROL} ${error ? 'border-rose-500' : 'border-slate-300'}`}
      />
    </FieldShell>
  );
}

export const PRIMARY_BUTTON = 'button-primary inline-flex h-9 items-center justify-center px-4 text-sm shadow-xs';
export const SECONDARY_BUTTON =
  'inline-flex h-9 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none';

/** The From / To day fields of a filter form: two cells of its grid. */
export function DateRangeFields({
  values,
  errors,
  fromLabel,
  toLabel,
}: {
  values: { from: string; to: string };
  errors: { from?: string; to?: string };
  fromLabel: string;
  toLabel: string;
}) {
  return (
    <>
      {/* Typed as YYYY-MM-DD, the format every page shows days in: a browser's date picker shows the
          browser's own format (11/22/2026 in the US), which then disagrees with the page. */}
      <InputField
        id="from"
        label={fromLabel}
        value={values.from}
        error={errors.from}
        placeholder="YYYY-MM-DD"
        maxLength={10}
      />
      <InputField id="to" label={toLabel} value={values.to} error={errors.to} placeholder="YYYY-MM-DD" maxLength={10} />
    </>
  );
}

/** The end of a filter form: Clear (a link to the unfiltered page) and Apply. */
export function FilterButtons({ clearHref, className }: { clearHref: string; className: string }) {
  return (
    <div className={className}>
      <a href={clearHref} className={SECONDARY_BUTTON}>
        Clear
      </a>
      <button type="submit" className={PRIMARY_BUTTON}>
        Apply filters
      </button>
    </div>
  );
}

/** What a filter form shows for its fields: the values as typed and each field's error. */
export interface FilterFormState<Field extends string> {
  values: Record<Field, string>;
  errors: Partial<Record<Field, string>>;
}

type Choice = string | { value: string; label: string };

/** A filter menu: "any" first, then the choices (a plain string is its own label). */
export function FilterSelect<Field extends string>({
  field,
  form,
  label,
  any,
  choices,
  className,
}: {
  field: Field;
  form: FilterFormState<Field>;
  label: string;
  any: string;
  choices: readonly Choice[];
  className?: string;
}) {
  const options = [
    { value: '', label: any },
    ...choices.map((c) => (typeof c === 'string' ? { value: c, label: c } : c)),
  ];
  return (
    <SelectField
      id={field}
      label={label}
      value={form.values[field]}
      error={form.errors[field]}
      options={options}
      className={className}
    />
  );
}

/** The people a list can be filtered by, inactive ones marked. */
export function personChoices(users: { id: string; name: string; active: boolean }[]): Choice[] {
  return users.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)` }));
}

/** The card a filter form sits in, above its list. */
export const FILTER_CARD = 'mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:px-5';
