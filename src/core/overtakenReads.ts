// Reads that typing overtook, told to the linter's process at once. Its main thread is busy reading (a dense script's
// facts are one synchronous call of ≈ 100 ms) and reads its IPC channel only between steps, so the host also writes
// the id of each overtaken update to a pipe of its own (`overtakenFd` in the process). A thread of the process that
// does nothing else reads that pipe and marks the ids in memory it shares with the main thread, which looks at the
// mark as it reads (a `StopCheck`, an atomic load) and stops there.
import { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/** The pipe's file descriptor in the linter's process (after stdin, stdout, stderr and the IPC channel). */
export const overtakenFd = 4;

/** Bytes of a note: an update's id. */
const noteBytes = 4;

/**
 * Marks kept: an id is marked at its value modulo this, as itself. A mark overwritten before it was looked at only
 * costs a stop (the read then stops between steps, as the channel tells); a false stop cannot happen.
 */
const markSlots = 1024;

/** What the host writes to the pipe when the update `id` was overtaken. */
export function overtakenNote(id: number): Buffer {
  const note = Buffer.alloc(noteBytes);
  note.writeUInt32LE(id);
  return note;
}

/** What the thread is started with. */
export interface OvertakenWatch {
  marks: Uint32Array;
  fd: number;
}

/**
 * Starts the thread (`script`: dist/overtakenThread.js) and returns whether the host has said that the update `id` was
 * overtaken. A thread that fails is told; reads then stop only between steps.
 */
export function watchOvertaken(script: string, tell: (text: string) => void): (id: number) => boolean {
  const marks = new Uint32Array(new SharedArrayBuffer(markSlots * Uint32Array.BYTES_PER_ELEMENT));
  const thread = new Worker(script, { workerData: { marks, fd: overtakenFd } satisfies OvertakenWatch });
  thread.on('error', (error) => tell(`the thread that hears of typing stopped (reads typing overtook stop only between steps): ${String(error)}`));
  // The process ends with its channel to the host, whatever the thread is doing.
  thread.unref();
  return (id) => Atomics.load(marks, id % markSlots) === id;
}

/** The thread's work: marks each id the pipe brings. */
export function markOvertaken({ marks, fd }: OvertakenWatch): void {
  let rest: Buffer = Buffer.alloc(0);
  new Socket({ fd, readable: true, writable: false }).on('data', (chunk: Buffer) => {
    // The pipe may split a note between two chunks.
    const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % noteBytes);
    for (let at = 0; at < whole; at += noteBytes) {
      const id = bytes.readUInt32LE(at);
      Atomics.store(marks, id % marks.length, id);
    }
    rest = bytes.subarray(whole);
  });
}
