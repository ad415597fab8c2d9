// Shown in place of a dashboard page the role may not see, inside the dashboard layout's <main>: a
// second <main> here would nest one landmark in another (axe, issue 15).
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your role does not give access to this page. An admin can change your role.</p>
      <a href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to the overview
      </a>
    </div>
  );
}
