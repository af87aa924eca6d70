import { readdirSync, readFileSync } from 'node:fs';

/** The niceness of each thread of this process, by thread id (Linux: the 19th field of its stat). */
export function nicenessOfThreads(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const id of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(id), Number(fields[16]));
  }
  return threads;
}
