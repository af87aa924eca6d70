// Reads VS Code snippet syntax and produces the text the editor inserts when the user accepts every default: each tab
// stop becomes its placeholder text or its first choice. Variables (`$name`, `${name}`) are refused: our snippets use
// none, so one is a PowerShell variable whose `$` was not escaped, and VS Code would insert just "name".

export type SnippetPart =
  | { kind: 'text'; text: string }
  | { kind: 'tabStop'; index: number; placeholder?: SnippetPart[]; choices?: string[] };

export class SnippetSyntaxError extends Error {}

/** Characters a backslash escapes in snippet text; inside a choice, `,` and `|` as well. */
const escapable = new Set(['$', '}', '\\']);
const escapableInChoice = new Set([...escapable, ',', '|']);

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.position + offset);
  }

  /** Consumes `pattern` when the text at the cursor matches it, and returns the match. */
  take(pattern: RegExp): RegExpExecArray | undefined {
    const match = new RegExp(`^(?:${pattern.source})`).exec(this.text.slice(this.position));
    if (match) this.position += match[0].length;
    return match ?? undefined;
  }

  fail(message: string): never {
    throw new SnippetSyntaxError(`${message} at offset ${this.position} of ${JSON.stringify(this.text)}`);
  }
}

function readChoices(reader: Reader): string[] {
  const choices = [''];
  while (!reader.take(/\|\}/)) {
    if (reader.done) reader.fail('unterminated choice');
    const char = reader.peek();
    if (char === '\\' && escapableInChoice.has(reader.peek(1))) {
      choices[choices.length - 1] += reader.peek(1);
      reader.position += 2;
    } else {
      if (char === ',') choices.push('');
      else choices[choices.length - 1] += char;
      reader.position += 1;
    }
  }
  return choices;
}

/** A tab stop, placeholder or choice at the cursor; undefined when the `$` there is plain text. */
function readDollar(reader: Reader): SnippetPart | undefined {
  const simple = reader.take(/\$(\d+)|\$\{(\d+)\}/);
  if (simple) return { kind: 'tabStop', index: Number(simple[1] ?? simple[2]) };
  const placeholder = reader.take(/\$\{(\d+):/);
  if (placeholder) {
    const parts = readParts(reader, true);
    if (!reader.take(/\}/)) reader.fail('unterminated placeholder');
    return { kind: 'tabStop', index: Number(placeholder[1]), placeholder: parts };
  }
  const choice = reader.take(/\$\{(\d+)\|/);
  if (choice) return { kind: 'tabStop', index: Number(choice[1]), choices: readChoices(reader) };
  if (/^\$\{\d+\//.test(reader.text.slice(reader.position))) reader.fail('a transform (not used by our snippets)');
  if (/^\$\{?[_a-zA-Z]/.test(reader.text.slice(reader.position))) reader.fail('a snippet variable (write \\$ for a literal dollar)');
  return undefined;
}

function readParts(reader: Reader, insidePlaceholder: boolean): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let text = '';
  while (!reader.done && !(insidePlaceholder && reader.peek() === '}')) {
    const char = reader.peek();
    if (char === '\\' && escapable.has(reader.peek(1))) {
      text += reader.peek(1);
      reader.position += 2;
      continue;
    }
    const tabStop = char === '$' ? readDollar(reader) : undefined;
    if (tabStop) {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push(tabStop);
      continue;
    }
    text += char;
    reader.position += 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

export function parseSnippet(body: string): SnippetPart[] {
  return readParts(new Reader(body), false);
}

function forEachTabStop(parts: SnippetPart[], visit: (part: Extract<SnippetPart, { kind: 'tabStop' }>) => void): void {
  for (const part of parts) {
    if (part.kind !== 'tabStop') continue;
    visit(part);
    if (part.placeholder) forEachTabStop(part.placeholder, visit);
  }
}

/** The distinct tab-stop numbers of a snippet, in the order they first appear in the body. */
export function tabStopOrder(body: string): number[] {
  const numbers = new Set<number>();
  forEachTabStop(parseSnippet(body), (part) => numbers.add(part.index));
  return [...numbers];
}

/** Every tab stop's default: the text of its placeholder, or its first choice. */
export function tabStopDefaults(body: string): string[] {
  const defaults: string[] = [];
  const parts = parseSnippet(body);
  forEachTabStop(parts, (part) => {
    if (part.placeholder || part.choices) defaults.push(renderDefault(part, parts));
  });
  return defaults;
}

function renderDefault(part: Extract<SnippetPart, { kind: 'tabStop' }>, all: SnippetPart[]): string {
  if (part.choices) return part.choices[0];
  return render(part.placeholder ?? [], all);
}

/** The text VS Code inserts when every default is accepted; a mirrored tab stop repeats its placeholder. */
function render(parts: SnippetPart[], all: SnippetPart[]): string {
  return parts.map((part) => {
    if (part.kind === 'text') return part.text;
    if (part.placeholder || part.choices) return renderDefault(part, all);
    let mirrored = '';
    forEachTabStop(all, (other) => {
      if (!mirrored && other.index === part.index && (other.placeholder || other.choices)) mirrored = renderDefault(other, all);
    });
    return mirrored;
  }).join('');
}

export function expandDefaults(body: string): string {
  const parts = parseSnippet(body);
  return render(parts, parts);
}
