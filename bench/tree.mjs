#!/usr/bin/env node
// `npm run bench:tree`: the Registrations view in the real extension host (code-server) against the emulator with
// 200 registrations × 5,000 tenants and 20 ms latency per request, and typing into a dense 1 MB script (bench/host:
// every benchmark there runs in the one session). Prints the figures and one JSON object last.
//   npm run bench:tree -- --latency 20
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runHostTests } from '../scripts/host-test.mjs';
import { ensureSetup } from '../scripts/lib/setup.mjs';

const root = resolve(import.meta.dirname, '..');

export async function benchTree(latencyMs = 20) {
  let result;
  const run = await runHostTests({
    label: 'bench-tree',
    tests: join(root, 'out/test/host/index.js'),
    workspace: join(root, 'test/fixtures/workspace'),
    emulatorState: join(root, 'test/emulator/states/bench.json'),
    env: { AZS_HOST_TESTS_DIR: join(root, 'out/bench/host'), AZS_BENCH_LATENCY_MS: String(latencyMs) },
    timeoutMs: 600_000,
    print: (line) => {
      const found = /^BENCH-RESULT (\{.*\})$/.exec(line.trim());
      if (found) result = { ...result, ...JSON.parse(found[1]) };
      else if (!/^\s*$/.test(line)) console.error(line);
    },
  });
  if (!result || run.exitCode !== 0) throw new Error(`the tree benchmark did not finish: ${run.reason || 'no result'}`);
  return result;
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { latency: { type: 'string', default: '20' } } });
  ensureSetup();
  for (const argv of [[join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], [join(root, 'scripts/build.mjs')]]) {
    if (spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root }).status !== 0) process.exit(1);
  }
  const result = await benchTree(Number(values.latency));
  console.log(`first level: ${result.tree_first_level_requests} requests, ${result.tree_first_level_ms} ms (critical path ${result.tree_first_level_critical_path_ms} ms)`);
  console.log(`first tenant page: ${result.tree_first_page_requests} requests, ${result.tree_first_page_ms} ms (critical path ${result.tree_first_page_critical_path_ms} ms)`);
  console.log(`all ${result.tenants_shown} tenants of one registration: ${result.tree_all_tenants_requests} requests, ${result.tree_all_tenants_ms} ms (critical path ${result.tree_all_tenants_critical_path_ms} ms)`);
  console.log(`extension host after loading: ${result.extension_host_rss_mb} MB resident, ${result.extension_host_heap_mb} MB heap; activation ${result.activation_ms} ms`);
  console.log(JSON.stringify(result));
}
