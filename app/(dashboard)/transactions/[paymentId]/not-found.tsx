export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-xs">
      <h1 className="text-lg font-semibold text-slate-900">Payment not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        No payment has this id. It may have been mistyped, or it belongs to another merchant account.
      </p>
      <a href="/transactions" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Back to transactions
      </a>
    </div>
  );
}
