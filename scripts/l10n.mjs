#!/usr/bin/env node
// `npm run l10n`: rewrites l10n/bundle.l10n.json from the sources and lists messages the Swedish bundle lacks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bundlePaths, extractMessages } from './lib/l10n.mjs';

const { messages, problems } = extractMessages();
const english = Object.fromEntries([...messages.keys()].sort().map((key) => [key, key]));
writeFileSync(bundlePaths.english, `${JSON.stringify(english, null, 2)}\n`);
const swedish = existsSync(bundlePaths.swedish) ? JSON.parse(readFileSync(bundlePaths.swedish, 'utf8')) : {};
const missing = Object.keys(english).filter((key) => !(key in swedish));
const stale = Object.keys(swedish).filter((key) => !(key in english));
for (const problem of problems) console.log(problem);
for (const key of missing) console.log(`missing in Swedish: ${JSON.stringify(key)}`);
for (const key of stale) console.log(`no longer used: ${JSON.stringify(key)}`);
console.log(`${Object.keys(english).length} messages, ${missing.length} missing in Swedish, ${stale.length} stale`);
process.exitCode = problems.length || missing.length || stale.length ? 1 : 0;
