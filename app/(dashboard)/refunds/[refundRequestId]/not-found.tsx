export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-xs">
      <h1 className="text-lg font-semibold text-slate-900">Refund not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        No refund has this request id. Check the id, or search for its payment on the transactions page.
      </p>
      <a href="/refunds" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Back to refunds
      </a>
    </div>
  );
}
