// Where the CPU went during a measurement, per process group, from /proc/<pid>/stat (utime + stime):
// on a 2-core machine that says which side of a write path is the bottleneck.
import { readFile } from 'node:fs/promises';
import { descendants } from './launch';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export type ProcessGroups = Record<string, () => Promise<number[]>>;

async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function snapshot(groups: ProcessGroups): Promise<Map<string, Map<number, number>>> {
  const result = new Map<string, Map<number, number>>();
  for (const [name, pids] of Object.entries(groups)) {
    const each = new Map<number, number>();
    for (const pid of await pids()) each.set(pid, await cpuSeconds(pid));
    result.set(name, each);
  }
  return result;
}

/** CPU seconds each group used while `work` ran (processes that came and went in between are missed). */
export async function cpuDuring<T>(
  groups: ProcessGroups,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = await snapshot(groups);
  const result = await work();
  const after = await snapshot(groups);
  const cpu: Record<string, number> = {};
  for (const [name, pids] of after) {
    let used = 0;
    for (const [pid, seconds] of pids) used += seconds - (before.get(name)?.get(pid) ?? 0);
    cpu[name] = Math.round(used * 100) / 100;
  }
  return { result, cpu };
}

/** The processes whose CPU time is read: this one (the load tool, the engine), the app's, PostgreSQL's. */
export function processGroups(pids: {
  launcherPid: number;
  nextPid: number;
  postgresPid: number | null;
}): ProcessGroups {
  const groups: ProcessGroups = {
    next: async () => [pids.nextPid],
    'sandbox+worker': async () =>
      (await descendants(pids.launcherPid)).filter((pid) => pid !== pids.nextPid).concat(pids.launcherPid),
    'bench process': async () => [process.pid],
    // Everything else this process started (the app and the embedded PostgreSQL are its children too).
    'bench sandbox': async () => {
      const others = new Set([pids.launcherPid, ...(await descendants(pids.launcherPid))]);
      if (pids.postgresPid)
        for (const pid of [pids.postgresPid, ...(await descendants(pids.postgresPid))]) others.add(pid);
      return (await descendants(process.pid)).filter((pid) => !others.has(pid));
    },
  };
  const { postgresPid } = pids;
  if (postgresPid) groups.postgres = async () => [postgresPid, ...(await descendants(postgresPid))];
  return groups;
}
