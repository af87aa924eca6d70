import { readdirSync, readFileSync } from 'node:fs';

/** The fields of a /proc stat file after the command's name (Linux). */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * The CPU time the main thread of a process (a Node process's JavaScript) has used, in ms (Linux: the first field of
 * its schedstat, in ns; the stat's clock ticks are 10 ms and count the collector's threads too).
 */
export function mainThreadCpuMsOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/** Whether a process is stopped by a signal (Linux: state T in its stat). */
export function isStopped(pid: number): boolean {
  return statFields(`/proc/${pid}/stat`)[0] === 'T';
}

/** The niceness of each thread of a process (this one unless told), by thread id (Linux: the 19th field of its stat). */
export function nicenessOfThreads(pid: number | 'self' = 'self'): Map<number, number> {
  const threads = new Map<number, number>();
  for (const id of readdirSync(`/proc/${pid}/task`)) threads.set(Number(id), Number(statFields(`/proc/${pid}/task/${id}/stat`)[16]));
  return threads;
}

/** Whether a process runs (Linux: it is there, and not a zombie waiting for its parent to collect it). */
export function isRunning(pid: number): boolean {
  try {
    return statFields(`/proc/${pid}/stat`)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The session a process belongs to (Linux: the 6th field of its stat). */
export function sessionOf(pid: number | 'self'): number {
  return Number(statFields(`/proc/${pid}/stat`)[3]);
}

/** A process's scheduling group and the group's niceness (Linux autogroups: "/autogroup-12 nice 0"). */
export function autogroupOf(pid: number | 'self'): { group: string; niceness: number } {
  const [group, , niceness] = readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim().split(' ');
  return { group, niceness: Number(niceness) };
}
