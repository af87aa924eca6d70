// Stopping a long synchronous step of the linter part-way (a document's facts, its rules): the step asks a check at
// points of its work, and one that says stop throws `Stopped` there, which the caller that passed the check catches.
// The editor's linter stops a read that typing overtook this way (lintProcess.ts), so its work ends at once rather than
// at the end of the step; nothing that a stopped step made is kept.

/** Asked at points of a long synchronous step: true when its work is no longer wanted. */
export type StopCheck = () => boolean;

/** Thrown where a step's `StopCheck` said stop. */
export class Stopped extends Error {
  constructor() {
    super('stopped: the work was no longer wanted');
  }
}

/** Throws `Stopped` when the check says stop (none: the step runs to its end). */
export function stopIfAsked(stop: StopCheck | undefined): void {
  if (stop?.()) throw new Stopped();
}
