// The demo `npm start` runs: the emulator with the demo data, and code-server with the extension on a throw-away copy
// of demo/, in the display language asked for. Whatever the user does there — quick fixes, Fix All, CSV results,
// exports — lands in the copy, which is removed on stop, so the checkout stays as it was.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer, workbenchUrl } from './codeServer.mjs';
import { startEmulatorProcess } from './emulator.mjs';

const root = resolve(import.meta.dirname, '..', '..');
export const demoLocales = ['en', 'sv'];

/** The display language `npm start -- --locale` names, or an error that lists the ones there are. */
export function demoLocale(value = 'en') {
  const locale = value.trim().toLowerCase();
  if (!demoLocales.includes(locale)) throw new Error(`--locale ${value}: use one of ${demoLocales.join(', ')}`);
  return locale;
}

/** A copy of demo/ in a new temporary folder, named demo like the original (the window title shows it). */
export function copyDemo() {
  const folder = join(mkdtempSync(join(tmpdir(), 'azs-demo-')), 'demo');
  cpSync(join(root, 'demo'), folder, { recursive: true });
  return folder;
}

/**
 * @param {{ port?: number, locale?: string, env?: Record<string, string>, log?: (line: string) => void }} options
 *   `env` reaches the extension host (tests set AZS_CSP_TEST there).
 */
export async function startDemo(options = {}) {
  const locale = demoLocale(options.locale);
  const stops = [];
  const stop = async () => {
    for (const step of stops.reverse()) await Promise.resolve().then(step).catch(() => {});
  };
  try {
    const folder = copyDemo();
    stops.push(() => rmSync(join(folder, '..'), { recursive: true, force: true, maxRetries: 3 }));
    const emulator = await startEmulatorProcess({ stateFile: join(root, 'test/emulator/states/demo.json') });
    stops.push(emulator.stop);
    // The emulator's address changes with every start, so it goes into the throw-away profile, not into the folder.
    const server = await startCodeServer({
      port: options.port ?? 0, locale, env: { ...emulator.env, ...options.env }, userSettings: emulator.workspaceSettings, log: options.log,
    });
    stops.push(server.stop);
    return { folder, locale, emulator, server, url: workbenchUrl(server, { folder, extensionPath: root }), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
