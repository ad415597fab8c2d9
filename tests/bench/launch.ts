// Starts the dashboard the way `npm start` does (scripts/start.ts: migrations, the Antom sandbox,
// `next build` when the sources changed, `next start`, the refund worker) against the scale
// database, and finds the Next.js server process so its memory can be read from /proc.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface LaunchedApp {
  baseUrl: string;
  /** The launcher (scripts/start.ts under tsx: the sandbox and the refund worker run in it). */
  launcherPid: number;
  /** The `next start` server process (not the launcher around it). */
  nextPid: number;
  /** From spawning the launcher to the first page served. */
  firstPageSeconds: number;
  built: boolean;
  stop(): Promise<void>;
}

export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: the fields after its last ')' are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, p] of parents) {
      if (p !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

async function findNextServer(launcherPid: number): Promise<number> {
  for (const pid of await descendants(launcherPid)) {
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    if (command.includes('next-server') || command.includes('scripts/serve.ts')) return pid;
  }
  throw new Error('The Next.js server process was not found under the launcher.');
}

export async function launchApp(
  databaseUrl: string,
  options: { port: number; sandboxPort: number; logFile: string },
): Promise<LaunchedApp> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const launcher = spawn(
    process.execPath,
    [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('scripts', 'start.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(options.port),
        SANDBOX_PORT: String(options.sandboxPort),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [launcher.stdout, launcher.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      log.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));
  const stop = async () => {
    if (launcher.exitCode === null) launcher.kill('SIGTERM');
    await exited;
    log.end();
  };

  // A build on this machine takes minutes; the page is the proof that the app is up.
  const deadline = Date.now() + 15 * 60_000;
  while (true) {
    if (launcher.exitCode !== null)
      throw new Error(`The app did not start (see ${options.logFile}):\n${output.slice(-3000)}`);
    const ok = await fetch(`${baseUrl}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer within 15 minutes (see ${options.logFile}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    launcherPid: launcher.pid!,
    nextPid: await findNextServer(launcher.pid!),
    firstPageSeconds: (performance.now() - started) / 1000,
    built: output.includes('Building the app'),
    stop,
  };
}

/** Resident memory now and its high-water mark, in MB, from /proc/<pid>/status. */
export async function memoryOf(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
