// Tokenises text the way VS Code does for our injection grammars: the base grammars VS Code itself ships (code-server's
// copy of the built-in extensions, installed by `npm test`), our grammars exactly as package.json contributes them,
// and VS Code's rule for which grammar is injected where. Colours come from the themes VS Code ships.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const root = resolve(__dirname, '..', '..', '..', '..');
const builtInExtensions = join(root, 'node_modules/code-server/lib/vscode/extensions');
/** The built-in extensions whose grammars our injections target. */
const baseLanguageExtensions = ['powershell', 'json', 'log'];

export interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface ThemeContribution {
  path: string;
}

interface Manifest {
  contributes?: { grammars?: GrammarContribution[]; themes?: ThemeContribution[] };
}

export interface Token {
  /** Zero-based line number. */
  line: number;
  /** Zero-based column where the token starts. */
  start: number;
  text: string;
  scopes: string[];
}

export interface Theme {
  name: string;
  raw: textmate.IRawTheme;
}

function readJson<T>(file: string): T {
  return parseJsonc(readFileSync(file, 'utf8')) as T;
}

function contributedGrammars(extensionFolder: string): { contribution: GrammarContribution; file: string }[] {
  const manifest = readJson<Manifest>(join(extensionFolder, 'package.json'));
  return (manifest.contributes?.grammars ?? []).map((contribution) => ({ contribution, file: join(extensionFolder, contribution.path) }));
}

function builtInFolder(name: string): string {
  const folder = join(builtInExtensions, name);
  if (!existsSync(folder)) {
    throw new Error(`VS Code's built-in "${name}" extension is missing under ${builtInExtensions}; run \`npm test\` once to install code-server`);
  }
  return folder;
}

export function ourGrammarContributions(): GrammarContribution[] {
  return contributedGrammars(root).map((entry) => entry.contribution);
}

/**
 * VS Code injects a grammar contributed with `injectTo: [X]` into X and into every scope that X prefixes, dot by dot
 * (so `source.json` reaches `source.json.comments`); see `getInjections` in its TextMate grammar factory.
 */
function injectionsFor(scopeName: string, contributions: GrammarContribution[]): string[] {
  const parts = scopeName.split('.');
  return parts.flatMap((_, index) => {
    const target = parts.slice(0, index + 1).join('.');
    return contributions.filter((c) => c.injectTo?.includes(target)).map((c) => c.scopeName);
  });
}

let onigLib: Promise<textmate.IOnigLib> | undefined;

function loadOniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** Foreground colour id in a binary token's metadata (vscode-textmate's EncodedTokenAttributes: bits 15–23). */
function foregroundId(metadata: number): number {
  return (metadata >>> 15) & 0x1ff;
}

export class Highlighter {
  private constructor(private readonly registry: textmate.Registry) {}

  /** With `withOurGrammars: false`, the base grammars alone: what a user sees without this extension. */
  static create(options: { withOurGrammars: boolean }): Highlighter {
    const base = baseLanguageExtensions.flatMap((name) => contributedGrammars(builtInFolder(name)));
    const ours = options.withOurGrammars ? contributedGrammars(root) : [];
    const files = new Map([...base, ...ours].map((entry) => [entry.contribution.scopeName, entry.file]));
    const injecting = ours.map((entry) => entry.contribution);
    const registry = new textmate.Registry({
      onigLib: loadOniguruma(),
      loadGrammar: (scopeName) => {
        const file = files.get(scopeName);
        return Promise.resolve(file === undefined ? null : textmate.parseRawGrammar(readFileSync(file, 'utf8'), file));
      },
      getInjections: (scopeName) => injectionsFor(scopeName, injecting),
    });
    return new Highlighter(registry);
  }

  private async grammar(scopeName: string): Promise<textmate.IGrammar> {
    const grammar = await this.registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`no grammar for ${scopeName}`);
    return grammar;
  }

  async tokenize(scopeName: string, text: string): Promise<Token[]> {
    const grammar = await this.grammar(scopeName);
    const tokens: Token[] = [];
    let state = textmate.INITIAL;
    text.split(/\r?\n/).forEach((lineText, line) => {
      const result = grammar.tokenizeLine(lineText, state);
      for (const token of result.tokens) {
        const tokenText = lineText.slice(token.startIndex, token.endIndex);
        if (tokenText.length > 0) tokens.push({ line, start: token.startIndex, text: tokenText, scopes: token.scopes });
      }
      state = result.ruleStack;
    });
    return tokens;
  }

  /** The foreground colour of every character, line by line, as `theme` paints it. */
  async colorize(scopeName: string, text: string, theme: Theme): Promise<string[][]> {
    this.registry.setTheme(theme.raw);
    const colorMap = this.registry.getColorMap();
    const grammar = await this.grammar(scopeName);
    let state = textmate.INITIAL;
    return text.split(/\r?\n/).map((lineText) => {
      const result = grammar.tokenizeLine2(lineText, state);
      state = result.ruleStack;
      const colors: string[] = [];
      for (let i = 0; i < result.tokens.length; i += 2) {
        const end = i + 2 < result.tokens.length ? result.tokens[i + 2] : lineText.length;
        const color = colorMap[foregroundId(result.tokens[i + 1])];
        for (let column = result.tokens[i]; column < end; column++) colors.push(color);
      }
      return colors;
    });
  }
}

type ThemeSettings = textmate.IRawTheme['settings'];

interface RawThemeFile {
  include?: string;
  tokenColors?: ThemeSettings | string;
}

function themeSettings(file: string): ThemeSettings {
  const theme = readJson<RawThemeFile>(file);
  const inherited = theme.include ? themeSettings(join(dirname(file), theme.include)) : [];
  if (typeof theme.tokenColors === 'string') throw new Error(`${file}: tokenColors in a separate file is not supported here`);
  return [...inherited, ...(theme.tokenColors ?? [])];
}

/** Every colour theme VS Code ships, by file name (e.g. `dark_modern`, `monokai-color-theme`). */
export function builtInThemes(): Theme[] {
  const folders = readdirSync(builtInExtensions).filter((name) => name.startsWith('theme-'));
  return folders.flatMap((name) => {
    const folder = join(builtInExtensions, name);
    const manifest = readJson<Manifest>(join(folder, 'package.json'));
    return (manifest.contributes?.themes ?? []).map((contribution) => {
      const file = join(folder, contribution.path);
      return { name: basename(file, '.json'), raw: { settings: themeSettings(file) } };
    });
  });
}
