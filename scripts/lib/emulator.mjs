// Starts the local HTTPS emulator of ARM, the token endpoint and a stamp's admin API as a child process and
// returns what a client needs to reach it: its URL, the CA file to trust, and sandbox credentials.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
export const emulatorEntry = join(root, 'out', 'test', 'emulator', 'main.js');

/** @param {{ stateFile: string, port?: number, latencyMs?: number, log?: (line: string) => void }} options */
export function startEmulatorProcess(options) {
  if (!existsSync(emulatorEntry)) throw new Error(`the emulator is not built (${emulatorEntry}); run "npm run build:tests" first`);
  const args = [emulatorEntry, '--port', String(options.port ?? 0), '--state', resolve(options.stateFile), '--ready-json'];
  if (options.latencyMs) args.push('--latency', String(options.latencyMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  return new Promise((resolveStart, reject) => {
    let buffered = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error('the emulator did not start within 20 s')); }, 20_000);
    child.stderr.on('data', (d) => { buffered += d; options.log?.(String(d)); });
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('{"ready"'));
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line).ready;
      resolveStart({ ...info, child, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator exited with ${code}:\n${buffered}`)); });
  });
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
}
