// After a host run: reads every log the workbench, the server and the extension host wrote (Output channels
// included, since VS Code keeps each in a file) and reports any secret found there — the emulator's client secret,
// any bearer token, any JWT-shaped token, and the fixture passwords.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const tokenPatterns = [/\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/, /\bBearer\s+[\w.~+/=-]{16,}/i];

function files(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path));
    else found.push(path);
  }
  return found;
}

/**
 * @param {string} logsDir the code-server user-data logs folder
 * @param {string[]} secrets literal values that must never appear
 * @returns {{ scannedFiles: number, extensionLogLines: number, leaks: string[] }}
 */
export function scanLogsForSecrets(logsDir, secrets) {
  const leaks = [];
  let extensionLogLines = 0;
  const logFiles = files(logsDir);
  for (const file of logFiles) {
    const text = readFileSync(file, 'utf8');
    if (/Azure Stack Hub CSP Tools\.log$/.test(file)) extensionLogLines += text.split('\n').filter(Boolean).length;
    for (const secret of secrets.filter((s) => s && text.includes(s))) leaks.push(`${relative(logsDir, file)}: contains a secret (${secret.slice(0, 3)}…)`);
    for (const pattern of tokenPatterns) {
      const match = pattern.exec(text);
      if (match) leaks.push(`${relative(logsDir, file)}: contains a token (${match[0].slice(0, 12)}…)`);
    }
  }
  return { scannedFiles: logFiles.length, extensionLogLines, leaks };
}
