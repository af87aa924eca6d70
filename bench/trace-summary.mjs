#!/usr/bin/env node
// What a Chromium trace of the typing window (AZS_BENCH_TYPING_TRACE=<file>, bench/host/typing.test.ts) spent its CPU
// on: each thread's CPU (its top-level tasks' thread time), then per sampled JavaScript thread the functions with the
// most time under them, the workbench's own mapped to VS Code's sources through code-server's source map.
//   node bench/trace-summary.mjs <trace.json> [functions per thread, default 25]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { SourceMapConsumer } = require('source-map');
const workbench = join(root, 'node_modules/code-server/lib/vscode/out/vs/code/browser/workbench/workbench.js');

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: trace-summary.mjs <trace.json> [functions per thread]');
  process.exit(2);
}
const trace = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(trace) ? trace : trace.traceEvents;
const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const processName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args.name]));

// Thread time of the tasks not nested in another (a thread's CPU, where the trace records it).
const tasks = new Map();
for (const e of events) {
  if (e.ph !== 'X' || e.dur === undefined) continue;
  const key = `${e.pid}:${e.tid}`;
  tasks.set(key, [...tasks.get(key) ?? [], e]);
}
const threads = [...tasks].map(([key, list]) => {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let end = -Infinity;
  let cpuMs = 0;
  for (const task of list) {
    if (task.ts < end) continue;
    end = task.ts + task.dur;
    cpuMs += (task.tdur ?? 0) / 1000;
  }
  return { key, cpuMs, name: `${processName.get(Number(key.split(':')[0])) ?? '?'} / ${threadName.get(key) ?? '?'}` };
}).sort((a, b) => b.cpuMs - a.cpuMs);
console.log('CPU by thread (ms):');
for (const thread of threads.slice(0, 12)) console.log(`${thread.cpuMs.toFixed(0).padStart(7)}  ${thread.name}`);

// Sampled JavaScript: a profile's chunks share its id; its thread is named by the `Profile` event.
const consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${workbench}.map`, 'utf8')));
const labels = new Map();
const label = ({ url = '', functionName = '', lineNumber = 0, columnNumber = 0 } = {}) => {
  const where = `${url}:${lineNumber}:${columnNumber}:${functionName}`;
  if (!labels.has(where)) {
    const source = url.endsWith('/workbench.js') ? consumer.originalPositionFor({ line: lineNumber + 1, column: columnNumber }) : undefined;
    labels.set(where, source?.source
      ? `${source.source.replace(/^.*\/src\/vs\//, '')}:${source.line} ${functionName}`
      : `${functionName || '(anonymous)'} ${url.split('/').pop()}`);
  }
  return labels.get(where);
};
for (const profile of events.filter((e) => e.name === 'Profile')) {
  const frames = new Map();
  const parents = new Map();
  const selfMs = new Map();
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === profile.pid)) {
    const { cpuProfile, timeDeltas = [] } = chunk.args.data;
    for (const node of cpuProfile?.nodes ?? []) {
      frames.set(node.id, node.callFrame);
      if (node.parent !== undefined) parents.set(node.id, node.parent);
    }
    (cpuProfile?.samples ?? []).forEach((node, i) => selfMs.set(node, (selfMs.get(node) ?? 0) + (timeDeltas[i + 1] ?? 0) / 1000));
  }
  const under = new Map();
  let busyMs = 0;
  for (const [node, ms] of selfMs) {
    if (frames.get(node)?.functionName === '(idle)') continue;
    busyMs += ms;
    const seen = new Set();
    for (let at = node; at !== undefined; at = parents.get(at)) {
      const name = label(frames.get(at));
      if (!seen.has(name)) under.set(name, (under.get(name) ?? 0) + ms);
      seen.add(name);
    }
  }
  console.log(`\n${threadName.get(`${profile.pid}:${profile.tid}`) ?? profile.tid}: ${busyMs.toFixed(0)} ms sampled busy; time under each function (ms):`);
  for (const [name, ms] of [...under].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
}
