// Shell scripts (.sh, .azcli) → facts from their `az rest`, `az resource`, `az login` and `az cloud` commands. A small POSIX-shell
// word splitter: quotes, backslashes, line continuations, `$NAME`/`${NAME}` (resolved from the file's one simple
// assignment, if it has exactly one before the use) and `$(…)` (unknown). Nothing is ever run.
import { UNKNOWN, findPlaceholder } from '../ids';
import { emptyFacts, isKnown, referencedAt, sliceValue, valueOf, type FileFacts, type Segment, type Value } from '../facts';
import { LineMap, type Span } from '../text';
import { registrationTarget } from './clouds';
import { addRequestFacts, idFromParts, methodOf, readBody } from './requests';
import { shellCloudCalls, type ShellRegistrationCall } from './shellEnvironment';
import { suppressionIn } from './suppressions';

type Part =
  | { kind: 'text'; text: string; at: number }
  | { kind: 'variable'; name: string; span: Span }
  | { kind: 'unknown'; span: Span };

/** A word: where it is written (a span of its own), and its parts. */
interface Word extends Span {
  parts: Part[];
  /** The word's text when it has no variable or unknown part, null when it has one; undefined until first asked. */
  plain: string | null | undefined;
}

interface Binding {
  at: number;
  /** Absent for a binding whose value the file does not show (`read NAME`, `for NAME in`). */
  value?: Part[];
}

/** Characters with no special meaning outside quotes, and inside double quotes (read many at a time). */
const unquotedRun = /[^\\ \t\n\r;&|()'"$]+/y;
const doubleQuotedRun = /[^\\$`"]+/y;

class Tokenizer {
  readonly commands: Word[][] = [];
  readonly comments: Span[] = [];
  private words: Word[] = [];
  /** The word being read, made at its first part (most words have one: an array of one holds it). */
  private word: Word | undefined;
  /** Where the word being read starts, when a quote opened it before it has a part; -1 otherwise. */
  private opened = -1;
  private i = 0;

  constructor(private readonly text: string) {}

  run(): this {
    const { text } = this;
    while (this.i < text.length) {
      const char = text[this.i];
      if (char === '\\' && (text[this.i + 1] === '\n' || text.startsWith('\r\n', this.i + 1))) this.i += text[this.i + 1] === '\n' ? 2 : 3;
      else if (char === ' ' || char === '\t') this.endWord();
      else if ('\n\r;&|()'.includes(char)) this.endCommand();
      else if (char === '#' && !this.word && this.opened < 0) this.comment();
      else if (char === "'") this.singleQuoted();
      else if (char === '"') this.doubleQuoted();
      else if (char === '$') this.dollar();
      else if (char === '\\') this.literal(this.i + 1, 2);
      else this.ordinary(unquotedRun);
      if (' \t\n\r;&|()'.includes(char)) this.i++;
    }
    this.endCommand();
    return this;
  }

  /** Starts a word here unless one is being read. */
  private open(): void {
    if (!this.word && this.opened < 0) this.opened = this.i;
  }

  private push(part: Part, end: number): void {
    const word = this.word;
    if (!word) {
      this.word = { start: this.opened < 0 ? this.i : this.opened, end, parts: [part], plain: undefined };
    } else {
      const last = word.parts[word.parts.length - 1];
      if (part.kind === 'text' && last.kind === 'text' && last.at + last.text.length === part.at) last.text += part.text;
      else word.parts.push(part);
      word.end = end;
    }
    this.i = end;
  }

  private literal(at: number, length: number): void {
    if (at >= this.text.length) {
      this.i = at;
      return;
    }
    this.push({ kind: 'text', text: this.text[at], at }, this.i + length);
  }

  /** The characters from here that `run` (a sticky pattern) matches, taken as they are in one piece. */
  private ordinary(run: RegExp): void {
    run.lastIndex = this.i;
    run.test(this.text);
    const end = Math.max(run.lastIndex, this.i + 1);
    this.push({ kind: 'text', text: this.text.slice(this.i, end), at: this.i }, end);
  }

  private endWord(): void {
    if (this.word) this.words.push(this.word);
    this.word = undefined;
    this.opened = -1;
  }

  private endCommand(): void {
    this.endWord();
    if (this.words.length > 0) this.commands.push(this.words);
    this.words = [];
  }

  private comment(): void {
    const end = this.text.slice(this.i).search(/\r|\n/);
    const stop = end < 0 ? this.text.length : this.i + end;
    this.comments.push({ start: this.i, end: stop });
    this.i = stop;
  }

  private singleQuoted(): void {
    const close = this.text.indexOf("'", this.i + 1);
    const end = close < 0 ? this.text.length : close;
    this.open();
    if (end > this.i + 1) this.push({ kind: 'text', text: this.text.slice(this.i + 1, end), at: this.i + 1 }, end);
    this.push({ kind: 'text', text: '', at: end }, Math.min(end + 1, this.text.length));
  }

  private doubleQuoted(): void {
    this.open();
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      const char = this.text[this.i];
      if (char === '\\' && '$`"\\\n'.includes(this.text[this.i + 1] ?? '')) this.literal(this.i + 1, 2);
      else if (char === '$') this.dollar();
      else if (char === '`') this.backquoted();
      else this.ordinary(doubleQuotedRun);
    }
    this.push({ kind: 'text', text: '', at: this.i }, Math.min(this.i + 1, this.text.length));
  }

  private backquoted(): void {
    const close = this.text.indexOf('`', this.i + 1);
    const end = close < 0 ? this.text.length : close + 1;
    this.push({ kind: 'unknown', span: { start: this.i, end } }, end);
  }

  private dollar(): void {
    const rest = this.text.slice(this.i, this.i + 256);
    const simple = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})/.exec(rest);
    if (simple) {
      this.push({ kind: 'variable', name: simple[1] ?? simple[2], span: { start: this.i, end: this.i + simple[0].length } }, this.i + simple[0].length);
      return;
    }
    const other = /^\$(?:\{[^}]*\}|[0-9@*#?$!-])/.exec(rest);
    const end = other ? this.i + other[0].length : this.text[this.i + 1] === '(' ? this.closingParen(this.i + 1) : -1;
    if (end < 0) this.literal(this.i, 1);
    else this.push({ kind: 'unknown', span: { start: this.i, end } }, end);
  }

  /** The offset after the `)` that closes the `(` at `open`, skipping quoted text; the end of the text if none. */
  private closingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === "'" || char === '"') i = Math.max(i, this.text.indexOf(char, i + 1));
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) return i + 1;
    }
    return this.text.length;
  }
}

/** Options of the az commands read here, with their short forms. */
const optionAliases: Record<string, Record<string, string>> = {
  rest: { '-m': '--method', '-u': '--uri', '--url': '--uri', '-b': '--body', '--url-parameters': '--uri-parameters' },
  resource: { '-g': '--resource-group', '-n': '--name', '-p': '--properties', '--ids': '--id' },
  login: { '-u': '--username', '-p': '--password', '-t': '--tenant' },
};

const resourceMethods: Record<string, string> = { create: 'PUT', delete: 'DELETE', show: 'GET' };

export function shellFacts(text: string): FileFacts {
  return new ShellReading(text).run();
}

class ShellReading {
  private readonly facts = emptyFacts();
  private readonly bindings = new Map<string, Binding[]>();
  private readonly resolving = new Set<string>();
  /** Values of variables resolved with no other variable being resolved. */
  private readonly resolved = new Map<string, Segment[]>();
  private readonly tokens: Tokenizer;
  /** Requests on registrations, by command, for where they go (AZS106). */
  private readonly registrationCalls: ShellRegistrationCall[] = [];
  /** The index of the command being read. */
  private command = 0;

  constructor(private readonly text: string) {
    this.tokens = new Tokenizer(text).run();
  }

  run(): FileFacts {
    for (const words of this.tokens.commands) this.collectBindings(words);
    this.tokens.commands.forEach((words, index) => {
      this.command = index;
      const start = words.findIndex((w) => !assignment(w) && this.plain(w) !== 'sudo');
      if (start >= 0 && this.plain(words[start]) === 'az') this.az(words.slice(start + 1), words[start]);
    });
    if (this.registrationCalls.length > 0) {
      const commands = this.tokens.commands.map((words) => ({ words: words.map((w) => this.plain(w)), spans: words }));
      this.facts.cloudCalls = shellCloudCalls(this.text, commands, this.registrationCalls);
    }
    this.suppressions();
    this.facts.checksCloudId = /\bCloud(?:Deployment)?Id\b/i.test(this.text);
    return this.facts;
  }

  private suppressions(): void {
    let lines: LineMap | undefined;
    for (const comment of this.tokens.comments) {
      const body = this.text.slice(comment.start, comment.end);
      if (!/azs-disable/i.test(body)) continue;
      lines ??= new LineMap(this.text);
      const suppression = suppressionIn(body, lines.lineOf(comment.end));
      if (suppression) this.facts.suppressions.push(suppression);
    }
  }

  /** `NAME=value` commands (also after export/local/readonly/declare), and `for NAME in` / `read NAME`, whose values are unknown. */
  private collectBindings(words: Word[]): void {
    const first = this.plain(words[0]);
    if (first === 'for' && words[1]) this.bind(this.plain(words[1]), { at: words[1].start });
    if (first === 'read') for (const word of words.slice(1)) if (!this.plain(word)?.startsWith('-')) this.bind(this.plain(word), { at: word.start });
    const rest = /^(?:export|local|readonly|declare|typeset)$/.test(first ?? '') ? words.slice(1).filter((w) => !this.plain(w)?.startsWith('-')) : words;
    if (rest.length === 0 || !rest.every(assignment)) return;
    for (const word of rest) {
      const head = word.parts[0] as Extract<Part, { kind: 'text' }>;
      const name = /^[A-Za-z_]\w*/.exec(head.text)?.[0] ?? '';
      const cut = name.length + 1;
      const value: Part[] = [{ kind: 'text', text: head.text.slice(cut), at: head.at + cut }, ...word.parts.slice(1)];
      this.bind(name, head.text[name.length] === '+' ? { at: word.start } : { at: word.start, value });
    }
  }

  private bind(name: string | undefined, binding: Binding): void {
    if (!name) return;
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }

  /** A word's text when it has no variable or unknown part (asked of most words several times: kept on the word). */
  private plain(word: Word | undefined): string | undefined {
    if (!word) return undefined;
    if (word.plain === undefined) word.plain = plainText(word.parts);
    return word.plain ?? undefined;
  }

  private value(word: Word): Value {
    return valueOf(this.segments(word.parts, word.start), { start: word.start, end: word.end });
  }

  private segments(parts: Part[], at: number): Segment[] {
    const segments: Segment[] = [];
    for (const part of parts) {
      if (part.kind === 'text') segments.push({ text: part.text, at: part.at });
      else if (part.kind === 'unknown') segments.push({ text: UNKNOWN, via: part.span });
      else segments.push(...referencedAt(this.variable(part.name, at) ?? [{ text: UNKNOWN }], part.span));
    }
    return segments;
  }

  /** A variable's value when the file assigns it exactly once, before `at`, with a value it shows. */
  private variable(name: string, at: number): Segment[] | undefined {
    const bindings = this.bindings.get(name);
    const binding = bindings?.length === 1 ? bindings[0] : undefined;
    if (!binding?.value || binding.at >= at || this.resolving.has(name)) return undefined;
    // Resolved from the top, a value is the same at each use (a base URL used by every command): worked out once.
    const outermost = this.resolving.size === 0;
    const known = outermost ? this.resolved.get(name) : undefined;
    if (known) return known;
    this.resolving.add(name);
    try {
      const segments = this.segments(binding.value, binding.at);
      if (outermost) this.resolved.set(name, segments);
      return segments;
    } finally {
      this.resolving.delete(name);
    }
  }

  private az(words: Word[], az: Word): void {
    const group = this.plain(words[0]) ?? '';
    const aliases = optionAliases[group];
    if (!aliases) return;
    const options = this.options(words.slice(1), aliases);
    for (const values of options.values()) this.facts.values.push(...values);
    if (group === 'rest') this.rest(options, { start: az.start, end: words[0].end });
    else if (group === 'resource') this.resource(options, this.plain(words[1]) ?? '', { start: az.start, end: (words[1] ?? words[0]).end });
    else this.login(options);
  }

  /** `--name value` pairs by long name; `--id`/`--ids` takes every value up to the next option. */
  private options(words: Word[], aliases: Record<string, string>): Map<string, Value[]> {
    const options = new Map<string, Value[]>();
    let current: string | undefined;
    let values: Value[] = [];
    for (const word of words) {
      const written = this.plain(word);
      if (written?.startsWith('-') && !isDigit(written.charCodeAt(1))) {
        const equals = written.indexOf('=');
        const long = equals < 0 ? written : written.slice(0, equals);
        current = aliases[long] ?? long;
        values = options.get(current) ?? [];
        options.set(current, values);
        if (equals >= 0) {
          values.push(this.value(word));
          current = undefined;
        }
        continue;
      }
      if (!current) continue;
      values.push(this.value(word));
      if (current !== '--id') current = undefined;
    }
    return options;
  }

  private rest(options: Map<string, Value[]>, span: Span): void {
    const url = options.get('--uri')?.[0];
    if (!url) return;
    this.noteCall(url, span, url);
    const body = options.get('--body')?.[0];
    const parameters = options.get('--uri-parameters') ?? [];
    const apiVersion = parameters.find((p) => /^api-version=/i.test(p.text));
    addRequestFacts(this.facts, {
      method: methodOf(options.get('--method')?.[0], 'GET'),
      url,
      body: body ? (body.text.startsWith('@') ? undefined : readBody(body)) : options.has('--body') ? undefined : null,
      span: url.span,
      ...(apiVersion ? { apiVersion: sliceValue(apiVersion, 'api-version='.length, apiVersion.text.length) } : {}),
    });
  }

  private resource(options: Map<string, Value[]>, command: string, span: Span): void {
    const method = resourceMethods[command];
    const apiVersion = options.get('--api-version')?.[0];
    const properties = options.get('--properties')?.[0];
    const level = options.has('--is-full-object') ? 'resource' : 'properties';
    const body = method !== 'PUT' ? null : properties ? (properties.text.startsWith('@') ? undefined : readBody(properties, level)) : null;
    const common = { method, body, ...(apiVersion ? { apiVersion } : {}) };
    const ids = options.get('--id') ?? [];
    for (const id of ids) {
      addRequestFacts(this.facts, { ...common, url: id, span: id.span });
      this.noteCall(id, span);
    }
    if (ids.length > 0) return;
    const url = this.idFromOptions(options, span);
    if (!url) return;
    addRequestFacts(this.facts, { ...common, url, span, synthetic: true });
    this.noteCall(url, span);
  }

  /** Notes a request whose URL or ID names a registration, with `url` when the URL alone decides where it goes. */
  private noteCall(target: Value, span: Span, url?: Value): void {
    if (!registrationTarget.test(target.text)) return;
    const last = this.registrationCalls.at(-1);
    if (last?.command !== this.command) this.registrationCalls.push({ command: this.command, span, ...(url ? { url } : {}) });
  }

  /** `--resource-type A/B/C -n x/y` or `--namespace A --parent B/x --resource-type C -n y`. */
  private idFromOptions(options: Map<string, Value[]>, span: Span): Value | undefined {
    const type = options.get('--resource-type')?.[0];
    const name = options.get('--name')?.[0];
    const group = options.get('--resource-group')?.[0];
    const namespace = options.get('--namespace')?.[0];
    const parent = options.get('--parent')?.[0];
    if (!type || !namespace) return idFromParts(type, name, group, span);
    const [parentType, parentName] = (parent && isKnown(parent) ? parent.text : '').split('/');
    const fullType = valueOf([...namespace.segments, { text: '/' }, ...(parentType ? [{ text: `${parentType}/` }] : []), ...type.segments], type.span);
    const fullName = name && parentName ? valueOf([{ text: `${parentName}/` }, ...name.segments], name.span) : name;
    return idFromParts(fullType, fullName, group, span);
  }

  private login(options: Map<string, Value[]>): void {
    const password = options.get('--password')?.[0];
    if (isKnown(password) && password.text.trim() !== '' && !findPlaceholder(password.text)) this.facts.secrets.push(password);
  }
}

/** The text of parts that are all text; null when one is a variable or unknown. */
function plainText(parts: readonly Part[]): string | null {
  let text = '';
  for (const part of parts) {
    if (part.kind !== 'text') return null;
    text += part.text;
  }
  return text;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function assignment(word: Word): boolean {
  const head = word.parts[0];
  return head?.kind === 'text' && /^[A-Za-z_]\w*\+?=/.test(head.text);
}
