// A small label with a tone. Colour is never the only signal: the text always says the state.
export type Tone = 'green' | 'red' | 'blue' | 'amber' | 'slate' | 'violet';

const TONES: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25',
  red: 'bg-rose-50 text-rose-800 ring-rose-600/25',
  blue: 'bg-blue-50 text-blue-800 ring-blue-600/25',
  amber: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  violet: 'bg-violet-50 text-violet-800 ring-violet-600/25',
};

const DOTS: Record<Tone, string> = {
  green: 'bg-emerald-600',
  red: 'bg-rose-600',
  blue: 'bg-blue-600',
  amber: 'bg-amber-500',
  slate: 'bg-slate-400',
  violet: 'bg-violet-600',
};

export function Badge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOTS[tone]}`} />
      {children}
    </span>
  );
}
