// Loads a grammar fixture, tokenised with our injections, and finds tokens by the text of their line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Highlighter, root, type Token } from './textmate';

export interface TokenizedFixture {
  lines: string[];
  tokens: Token[];
}

export const fixtures = {
  powershell: { file: 'add-tenant.ps1', scopeName: 'source.powershell' },
  json: { file: 'tenant-template.json', scopeName: 'source.json' },
  jsonc: { file: 'tenant-settings.jsonc', scopeName: 'source.json.comments' },
  log: { file: 'add-tenant.log', scopeName: 'text.log' },
} as const;

export function fixtureText(file: string): string {
  return readFileSync(join(root, 'test/fixtures/grammar', file), 'utf8');
}

export async function tokenizeFixture(highlighter: Highlighter, fixture: { file: string; scopeName: string }): Promise<TokenizedFixture> {
  const text = fixtureText(fixture.file);
  return { lines: text.split(/\r?\n/), tokens: await highlighter.tokenize(fixture.scopeName, text) };
}

/** True for a scope that one of our grammars (not a base grammar) gave the token. */
export function isOurScope(scope: string): boolean {
  return scope.endsWith('.azs');
}

function lineContaining(fixture: TokenizedFixture, marker: string): number {
  const found = fixture.lines.flatMap((line, index) => (line.includes(marker) ? [index] : []));
  assert.equal(found.length, 1, `exactly one fixture line contains ${JSON.stringify(marker)}`);
  return found[0];
}

/** The scopes of the one token whose text is exactly `text` on the line that contains `marker`. */
export function scopesOf(fixture: TokenizedFixture, marker: string, text: string): string[] {
  const line = lineContaining(fixture, marker);
  const onLine = fixture.tokens.filter((token) => token.line === line);
  const matching = onLine.filter((token) => token.text === text);
  assert.equal(matching.length, 1, `one token ${JSON.stringify(text)} on line ${line + 1}; tokens: ${JSON.stringify(onLine.map((t) => t.text))}`);
  return matching[0].scopes;
}

/** The texts of the tokens our grammars highlight on the line that contains `marker`. */
export function highlightsOn(fixture: TokenizedFixture, marker: string): string[] {
  const line = lineContaining(fixture, marker);
  return fixture.tokens.filter((token) => token.line === line && token.scopes.some(isOurScope)).map((token) => token.text);
}
