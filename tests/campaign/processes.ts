// The campaign's child processes: the sandbox, the refund-making processes (maker.ts) and the refund
// workers (scripts/worker.ts, unchanged). Each is one Node process with tsx's loader inside
// (`node --import tsx`, as scripts/start.ts runs the app's server), not the tsx CLI: the CLI is a
// second process that relays signals, so a SIGKILL would end only the relay and leave the program
// running, and it force-kills a program that does not acknowledge a SIGTERM within 30 ms (which
// happens on a loaded machine). Everything they print goes to a log file of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LINE_PREFIX, type AttemptAnswer, type AttemptRequest, type MakerEvent } from './protocol';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  log: WriteStream;
}

function spawnTsx(script: string, env: NodeJS.ProcessEnv, logFile: string, stdin: 'pipe' | 'ignore'): Spawned {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: [stdin, 'pipe', 'pipe'] });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      log.write(`\n[campaign] exited: code ${code}, signal ${signal}\n`);
      resolve({ code, signal });
    }),
  );
  return { child, exited, log };
}

/** Resolves with the first stdout line that `accept` takes, or fails when the process exits first. */
function firstLine<T>(spawned: Spawned, what: string, accept: (line: string) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: spawned.child.stdout! });
    let found = false;
    lines.on('line', (line) => {
      if (found) return void spawned.log.write(`${line}\n`);
      const value = accept(line);
      if (value === undefined) return void spawned.log.write(`${line}\n`);
      found = true;
      resolve(value);
    });
    void spawned.exited.then((exit) => {
      if (!found) reject(new Error(`${what} exited before it was ready (code ${exit.code}, signal ${exit.signal}).`));
    });
  });
}

export interface SandboxProcess {
  url: string;
  appEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(env: NodeJS.ProcessEnv, logFile: string): Promise<SandboxProcess> {
  const spawned = spawnTsx(path.join('tests', 'campaign', 'sandbox-process.ts'), env, logFile, 'ignore');
  const started = await firstLine(spawned, 'The sandbox', (line) => {
    try {
      return JSON.parse(line) as { url: string; appEnv: Record<string, string> };
    } catch {
      return undefined;
    }
  });
  return {
    ...started,
    async stop() {
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill('SIGTERM');
      await spawned.exited;
      spawned.log.end();
    },
  };
}

export interface WorkerProcess {
  pid: number;
  exited: Promise<Exit>;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<Exit>;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv, logFile: string): Promise<WorkerProcess> {
  const spawned = spawnTsx(path.join('scripts', 'worker.ts'), env, logFile, 'ignore');
  await firstLine(spawned, 'A refund worker', (line) => (line.startsWith('Refund worker running') ? true : undefined));
  return {
    pid: spawned.child.pid!,
    exited: spawned.exited,
    kill: (signal) => void spawned.child.kill(signal),
    async stop() {
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill('SIGTERM');
      const exit = await spawned.exited;
      spawned.log.end();
      return exit;
    },
  };
}

/** What became of one attempt: the maker's answer, or nothing because the maker died first. */
export type AttemptResult = AttemptAnswer | { n: number; kind: 'interrupted' };

/** A refund-making process: hands it attempts and resolves each with its answer. */
export class MakerProcess {
  state: 'starting' | 'ready' | 'stopping' | 'gone' = 'starting';
  readonly ready: Promise<void>;
  readonly exited: Promise<Exit>;
  /** Set when it said it stopped after finishing its work (a clean SIGTERM). */
  stoppedCleanly = false;
  /** Attempts it held when it exited (answered "interrupted"). */
  unanswered = 0;
  private readonly spawned: Spawned;
  private readonly pending = new Map<number, (result: AttemptResult) => void>();

  constructor(
    readonly index: number,
    env: NodeJS.ProcessEnv,
    logFile: string,
  ) {
    this.spawned = spawnTsx(path.join('tests', 'campaign', 'maker.ts'), env, logFile, 'pipe');
    this.exited = this.spawned.exited;
    // A write to a process that just died fails with EPIPE: its attempts are answered "interrupted" below.
    this.spawned.child.stdin!.on('error', () => {});
    let markReady: () => void;
    let failReady: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => {}); // awaited by whoever starts it; a late failure is no one's concern
    createInterface({ input: this.spawned.child.stdout! }).on('line', (line) => {
      if (!line.startsWith(LINE_PREFIX)) return void this.spawned.log.write(`${line}\n`);
      const event = JSON.parse(line.slice(LINE_PREFIX.length)) as MakerEvent;
      if (event.kind === 'ready') {
        if (this.state === 'starting') this.state = 'ready';
        markReady();
      } else if (event.kind === 'stopped') {
        this.stoppedCleanly = true;
      } else {
        this.pending.get(event.n)?.(event);
        this.pending.delete(event.n);
      }
    });
    void this.exited.then((exit) => {
      this.state = 'gone';
      failReady(new Error(`Refund maker ${index} exited before it was ready (code ${exit.code}).`));
      this.unanswered = this.pending.size;
      for (const [n, resolve] of this.pending) resolve({ n, kind: 'interrupted' });
      this.pending.clear();
      this.spawned.log.end();
    });
  }

  get pid(): number {
    return this.spawned.child.pid!;
  }

  /** Attempts handed over and not answered yet. */
  get load(): number {
    return this.pending.size;
  }

  attempt(request: AttemptRequest): Promise<AttemptResult> {
    if (this.state !== 'ready') return Promise.resolve({ n: request.n, kind: 'interrupted' });
    return new Promise<AttemptResult>((resolve) => {
      this.pending.set(request.n, resolve);
      this.spawned.child.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.state === 'ready' || this.state === 'starting') this.state = 'stopping';
    this.spawned.child.kill(signal);
  }

  /**
   * SIGTERM (once: a second one would kill it), its input closed, and wait: how it ended, and how many
   * attempts it had not answered when it exited.
   */
  async stop(): Promise<{ exit: Exit; unanswered: number }> {
    if (this.state === 'ready' || this.state === 'starting') {
      this.kill('SIGTERM');
      this.spawned.child.stdin!.end();
    }
    const exit = await this.exited;
    return { exit, unanswered: this.unanswered };
  }
}
