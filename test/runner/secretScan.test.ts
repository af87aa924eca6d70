// The log scan that ends every host run must find what it is there to find.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
type Scan = (logsDir: string, secrets: string[]) => { scannedFiles: number; extensionLogLines: number; leaks: string[] };

describe('log secret scan', () => {
  let logs: string;
  let scan: Scan;
  before(async () => {
    scan = ((await import(join(root, 'scripts', 'lib', 'secretScan.mjs'))) as { scanLogsForSecrets: Scan }).scanLogsForSecrets;
  });
  beforeEach(() => {
    logs = mkdtempSync(join(tmpdir(), 'azs-logs-'));
    mkdirSync(join(logs, 'exthost1', 'ext'), { recursive: true });
  });
  afterEach(() => rmSync(logs, { recursive: true, force: true }));

  it('finds a named secret, a bearer token and a JWT, and counts the extension log', () => {
    writeFileSync(join(logs, 'exthost1', 'ext', 'Azure Stack Hub CSP Tools.log'), 'GET /subscriptions 200\nsecret=hunter2-long\n');
    writeFileSync(join(logs, 'remoteagent.log'), 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz\n');
    writeFileSync(join(logs, 'renderer.log'), 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0x.c2lnbmF0dXJlc2ln\n');
    const result = scan(logs, ['hunter2-long']);
    assert.equal(result.scannedFiles, 3);
    assert.equal(result.extensionLogLines, 2);
    assert.equal(result.leaks.length, 3);
    assert.ok(result.leaks.every((leak) => !leak.includes('hunter2-long')), 'the report itself does not repeat the secret');
  });

  it('passes clean logs', () => {
    writeFileSync(join(logs, 'exthost1', 'ext', 'Azure Stack Hub CSP Tools.log'), 'GET /subscriptions 200\n');
    assert.deepEqual(scan(logs, ['hunter2-long']).leaks, []);
  });
});
