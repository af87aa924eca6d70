#!/usr/bin/env node
// Sums a sampled heap profile (bench/host/typing.test.ts, AZS_BENCH_TYPING_HEAP) by the function that allocated and by
// the nearest frame of our extension on its stack: `node bench/heap-summary.mjs profile.json [top]`.
import { readFileSync } from 'node:fs';

const [file, top = '20'] = process.argv.slice(2);
const { head, samples } = JSON.parse(readFileSync(file, 'utf8'));
const byNode = new Map();
const paths = new Map();
(function walk(node, path) {
  const frame = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
  const here = [...path, frame];
  paths.set(node.id, here);
  for (const child of node.children) walk(child, here);
})(head, []);
for (const sample of samples) byNode.set(sample.nodeId, (byNode.get(sample.nodeId) ?? 0) + sample.size);
const bySelf = new Map();
const byOurs = new Map();
let total = 0;
for (const [id, size] of byNode) {
  const path = paths.get(id);
  total += size;
  bySelf.set(path.at(-1), (bySelf.get(path.at(-1)) ?? 0) + size);
  const ours = path.findLast((frame) => /extension\.js|lintClient|diagnostics/.test(frame)) ?? '(not ours)';
  byOurs.set(ours, (byOurs.get(ours) ?? 0) + size);
}
const mb = (bytes) => (bytes / 1048576).toFixed(2);
console.log(`sampled in all: ${mb(total)} MB`);
for (const [title, map] of [['by allocating function', bySelf], ['by our nearest frame', byOurs]]) {
  console.log(`\n${title}:`);
  for (const [frame, size] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${mb(size).padStart(8)}  ${frame}`);
}
