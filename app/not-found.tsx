export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        There is nothing at this address. It may have been mistyped, or the record does not exist.
      </p>
      <a href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to the overview
      </a>
    </main>
  );
}
