// Module hooks for the benchmark process: `server-only` throws outside React Server Components, and
// the benchmark imports the list queries' SQL builders (which live beside server code) to EXPLAIN
// exactly the SQL the pages run. Nothing server-only is called: only the builders.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return nextResolve(specifier, context);
}
