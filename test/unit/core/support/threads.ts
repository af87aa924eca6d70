import { readdirSync, readFileSync } from 'node:fs';

/** The fields of a /proc stat file after the command's name (Linux). */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The CPU time a process has used, in ms (Linux: the user and system clock ticks of its stat, 100 a second). */
export function cpuMsOf(pid: number): number {
  const fields = statFields(`/proc/${pid}/stat`);
  return (Number(fields[11]) + Number(fields[12])) * 10;
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
