// npm run lock:prune — after any `npm install` that changes package-lock.json.
//
// The registry these machines reach serves only some platforms' builds of native packages (no
// darwin/win32/android/freebsd variants of @next/swc, @tailwindcss/oxide, ...). npm then writes a
// lock that names those optional packages under their parent but has no entry for them, and
// `npm ci` refuses such a lock as out of sync. Dropping the names it cannot resolve makes the lock
// consistent; `npm install` on another platform resolves them again.
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

export function danglingOptionals(lock: { packages: Record<string, LockEntry> }): string[] {
  const found: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const nested = `${where ? `${where}/` : ''}node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`])
        found.push(`${where || '(root)'} → ${name}`);
    }
  }
  return found;
}

export function pruneLock(lock: { packages: Record<string, LockEntry> }): number {
  let pruned = 0;
  for (const [where, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const nested = `${where ? `${where}/` : ''}node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
        delete entry.optionalDependencies![name];
        pruned++;
      }
    }
    if (entry.optionalDependencies && Object.keys(entry.optionalDependencies).length === 0)
      delete entry.optionalDependencies;
  }
  return pruned;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const pruned = pruneLock(lock);
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    pruned ? `Dropped ${pruned} optional dependencies this registry cannot serve.` : 'The lock file is consistent.',
  );
}
