// node bench/cli-same.mjs <reference dist/cli.js> <folder>... — checks that this checkout's dist/cli.js prints what a
// reference build prints, byte for byte: stdout, stderr and exit code of text, JSON and SARIF with 1, 2 and 3 threads
// (and 1 against 3 of this build), of --fix-dry-run, and of --fix with the files it leaves (each build on a copy).
// For changes to how azs-lint reads and checks that must not change what it says; build both first. Exits 1 on a
// difference.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [reference, ...folders] = process.argv.slice(2);
if (!reference || folders.length === 0) {
  console.error('usage: node bench/cli-same.mjs <reference dist/cli.js> <folder>...');
  process.exit(2);
}
const builds = { reference: resolve(reference), branch: resolve(import.meta.dirname, '../dist/cli.js') };

function lint(cli, args, cwd) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' } });
  return `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Every file under `folder` with its bytes, as one string to compare. */
function snapshot(folder) {
  return readdirSync(folder, { recursive: true }).sort()
    .filter((name) => statSync(join(folder, name)).isFile())
    .map((name) => `${name}\n${readFileSync(join(folder, name)).toString('base64')}`).join('\n');
}

let compared = 0;
let differences = 0;
function same(what, a, b) {
  compared++;
  if (a === b) return;
  differences++;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  console.log(`DIFFERENT: ${what} (from character ${at}):\n  ${JSON.stringify(a.slice(at, at + 200))}\n  ${JSON.stringify(b.slice(at, at + 200))}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'azs-cli-same-'));
try {
  for (const folder of folders.map((f) => resolve(f))) {
    for (const format of ['text', 'json', 'sarif']) {
      const outputs = {};
      for (const threads of ['1', '2', '3']) {
        const args = ['.', '--format', format, '--threads', threads];
        outputs[threads] = lint(builds.branch, args, folder);
        same(`${folder} ${args.join(' ')}`, lint(builds.reference, args, folder), outputs[threads]);
      }
      same(`${folder} --format ${format}: --threads 1 and 3 of this build`, outputs['1'], outputs['3']);
    }
    same(`${folder} --fix-dry-run`, lint(builds.reference, ['.', '--fix-dry-run'], folder), lint(builds.branch, ['.', '--fix-dry-run'], folder));
    const fixed = Object.entries(builds).map(([name, cli]) => {
      const copy = join(scratch, name);
      rmSync(copy, { recursive: true, force: true });
      cpSync(folder, copy, { recursive: true });
      return `${lint(cli, ['.', '--fix', '--format', 'json'], copy)}\n${snapshot(copy)}`;
    });
    same(`${folder} --fix and the files it wrote`, fixed[0], fixed[1]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${compared} comparisons, ${differences} different`);
process.exitCode = differences > 0 ? 1 : 0;
