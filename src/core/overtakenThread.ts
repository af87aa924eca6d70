// The thread of the linter's process that hears which reads typing overtook (overtakenReads.ts; dist/overtakenThread.js).
import { workerData } from 'node:worker_threads';
import { markOvertaken, type OvertakenWatch } from './overtakenReads';

markOvertaken(workerData as OvertakenWatch);
