// Every string the extension shows exists in English and Swedish: the manifest's %keys%, every vscode.l10n.t
// message in the sources, and the bundles carry no stale or malformed entries.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

interface Extracted { messages: Map<string, string[]>; problems: string[] }

describe('localisation', () => {
  let extracted: Extracted;
  before(async () => {
    const module = (await import(join(root, 'scripts', 'lib', 'l10n.mjs'))) as { extractMessages(): Extracted };
    extracted = module.extractMessages();
  });

  it('defines every %key% the manifest uses, in English and Swedish alike', () => {
    const english = readJson('package.nls.json');
    const swedish = readJson('package.nls.sv.json');
    const used = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((key) => !(key in english)), []);
    assert.deepEqual(Object.keys(swedish).sort(), Object.keys(english).sort());
    for (const [key, text] of Object.entries(swedish)) assert.ok(typeof text === 'string' && text.trim(), `Swedish ${key} is empty`);
  });

  it('passes only literal messages to vscode.l10n.t', () => {
    assert.deepEqual(extracted.problems, []);
    assert.ok(extracted.messages.size > 0);
  });

  it('has a Swedish translation for every message, with the same {n} placeholders, and no stale ones', () => {
    const swedish = readJson('l10n/bundle.l10n.sv.json');
    const missing = [...extracted.messages.keys()].filter((key) => typeof swedish[key] !== 'string' || !(swedish[key]).trim());
    assert.deepEqual(missing, [], 'run "npm run l10n" to list them');
    for (const key of extracted.messages.keys()) assert.deepEqual(placeholders(swedish[key] as string), placeholders(key), key);
    assert.deepEqual(Object.keys(swedish).filter((key) => !extracted.messages.has(key)), []);
  });

  it('keeps the English bundle in step with the sources', () => {
    const english = readJson('l10n/bundle.l10n.json');
    assert.deepEqual(Object.keys(english).sort(), [...extracted.messages.keys()].sort(), 'run "npm run l10n" to regenerate it');
  });
});
