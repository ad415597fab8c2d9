// How the refund form's fields look, shared by its first view (refund-form.tsx) and the fields
// loaded with its later steps (refund-steps.tsx) without bringing those steps into the page's code.
export const input =
  'mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:ring-2 focus:outline-none';
export const okInput = 'border-slate-300 focus:border-blue-600 focus:ring-blue-600/30';
export const badInput = 'border-red-500 focus:ring-red-500/30';
