// Starts the local HTTPS emulator of ARM and sign-in (test/emulator, compiled to out/) as a child process and
// returns what a client needs to reach it: { url, caFile, controlUrl, tenantId, clientId, clientSecret, env,
// workspaceSettings, stamps, child, stop() }. `env` is for a client process (NODE_EXTRA_CA_CERTS must be set at its
// start); `stamps` lists each stamp's admin endpoint as { name, adminEndpoint, tenantId?, cloudDeploymentId }, the
// shape of the azureStackCsp.stamps setting.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
export const emulatorEntry = join(root, 'out', 'test', 'emulator', 'main.js');

/** @param {{ stateFile: string, port?: number, latencyMs?: number, log?: (text: string) => void }} options */
export function startEmulatorProcess(options) {
  if (!existsSync(emulatorEntry)) {
    return Promise.reject(new Error(`the emulator is not built (${emulatorEntry}); run "npm run build:tests" first`));
  }
  const args = [emulatorEntry, '--port', String(options.port ?? 0), '--state', resolve(options.stateFile), '--ready-json'];
  if (options.latencyMs) args.push('--latency', String(options.latencyMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  return new Promise((resolveStart, reject) => {
    let output = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the emulator did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      options.log?.(String(chunk));
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (started) return;
      // Only whole lines: the ready line may arrive in pieces.
      const line = output.split('\n').slice(0, -1).find((l) => l.startsWith('{"ready"'));
      if (!line) return;
      started = true;
      clearTimeout(timer);
      resolveStart({ ...JSON.parse(line).ready, child, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`the emulator exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', resolveStop);
    child.kill('SIGTERM');
  });
}
