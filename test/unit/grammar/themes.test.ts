import * as assert from 'node:assert/strict';
import { fixtureText, fixtures, isOurScope } from './fixtures';
import { Highlighter, builtInThemes, type Theme, type Token } from './textmate';

/**
 * "Visual Studio Dark" and "Visual Studio Light", the oldest built-in themes, colour no type names at all, so a
 * resource ID keeps the colour of its string there. Every other highlight shows in every theme VS Code ships.
 */
const knownUncoloured: Record<string, string[]> = { 'entity.name.type.resource-id.azs': ['dark_vs', 'light_vs'] };

interface ColourCheck {
  /** `theme: scope` for each of our scopes that a theme paints like the text around it. */
  invisible: Set<string>;
  /** `theme line:column` for each character outside our highlights whose colour our grammars changed. */
  recoloured: string[];
}

function compareColours(theme: Theme, tokens: Token[], ours: string[][], without: string[][], check: ColourCheck): void {
  for (const token of tokens) {
    const ourScope = token.scopes.find(isOurScope);
    if (ourScope !== undefined) {
      if (ours[token.line][token.start] === without[token.line][token.start]) check.invisible.add(`${theme.name}: ${ourScope}`);
      continue;
    }
    for (let column = token.start; column < token.start + token.text.length; column++) {
      if (ours[token.line][column] !== without[token.line][column]) check.recoloured.push(`${theme.name} ${token.line + 1}:${column + 1}`);
    }
  }
}

describe('grammar: colours in the themes VS Code ships', () => {
  let withOurs: Highlighter;
  let withoutOurs: Highlighter;
  let themes: Theme[];
  before(() => {
    withOurs = Highlighter.create({ withOurGrammars: true });
    withoutOurs = Highlighter.create({ withOurGrammars: false });
    themes = builtInThemes();
  });

  it('finds the default themes', () => {
    const names = themes.map((t) => t.name);
    for (const name of ['dark_modern', 'light_modern', 'hc_black', 'hc_light', 'monokai-color-theme']) assert.ok(names.includes(name), name);
  });

  for (const fixture of Object.values(fixtures)) {
    it(`${fixture.file}: every highlight has its own colour and nothing else changes colour`, async () => {
      const text = fixtureText(fixture.file);
      const tokens = await withOurs.tokenize(fixture.scopeName, text);
      const check: ColourCheck = { invisible: new Set(), recoloured: [] };
      for (const theme of themes) {
        const ours = await withOurs.colorize(fixture.scopeName, text, theme);
        const without = await withoutOurs.colorize(fixture.scopeName, text, theme);
        compareColours(theme, tokens, ours, without, check);
      }
      const scopesUsed = new Set(tokens.flatMap((t) => t.scopes.filter(isOurScope)));
      const expectedInvisible = [...scopesUsed].flatMap((scope) => (knownUncoloured[scope] ?? []).map((theme) => `${theme}: ${scope}`));
      assert.deepEqual([...check.invisible].sort(), expectedInvisible.sort());
      assert.deepEqual(check.recoloured, []);
    });
  }
});
