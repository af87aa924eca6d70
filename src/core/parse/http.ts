// REST Client request files (.http, .rest) → facts: requests separated by `###`, each a request line (method, URL
// with api-version), optional `?`/`&` query lines, headers, and a JSON body; `@name = value` file variables and
// `{{name}}` references. System and request variables (`{{$guid}}`, `{{login.response…}}`) are unknown.
import { UNKNOWN } from '../ids';
import { emptyFacts, referencedAt, valueOf, type FileFacts, type Segment } from '../facts';
import { linesOf, type Line } from '../text';
import { addRequestFacts, readBody } from './requests';
import { suppressionIn } from './suppressions';

// No pattern here has a lazy part between optional blanks (`\s*(.*?)\s*$`): over a long run of blanks such a
// pattern backtracks in quadratic or cubic time. Values are trimmed in code instead.
const methodWord = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT)\s+(?=\S)/i;
const httpVersion = /\sHTTP\/[\d.]+$/i;
const variableLine = /^\s*@([\w.-]+)\s*=([\s\S]*)$/;
const commentLine = /^\s*(?:#|\/\/)/;

interface RequestLine {
  method: string | undefined;
  /** Where the URL is in the line. */
  start: number;
  end: number;
}

/** `PUT https://… HTTP/1.1`, or a bare URL: the method and where the URL is; undefined for a line that is neither. */
function readRequestLine(text: string): RequestLine | undefined {
  const line = text.trimEnd();
  const method = methodWord.exec(line);
  const start = method ? method[0].length : 0;
  if (start >= line.length || /\s/.test(line[start])) return undefined;
  const version = httpVersion.exec(line);
  const end = version && version.index > start ? line.slice(0, version.index).trimEnd().length : line.length;
  return { method: method?.[1], start, end };
}

/** `@name = value`: the lower-case name and where the trimmed value is in the line. */
function readVariableLine(text: string): { name: string; start: number; end: number } | undefined {
  const match = variableLine.exec(text);
  if (!match) return undefined;
  const written = match[2];
  const start = text.length - written.length + (written.length - written.trimStart().length);
  return { name: match[1].toLowerCase(), start, end: start + written.trim().length };
}

export function httpFacts(text: string): FileFacts {
  const facts = emptyFacts();
  const lines = linesOf(text);
  const expander = new Expander(text, lines);
  let block: Line[] = [];
  lines.forEach((line, index) => {
    if (commentLine.test(line.text) && /azs-disable/i.test(line.text)) {
      const suppression = suppressionIn(line.text, index);
      if (suppression) facts.suppressions.push(suppression);
    }
    if (/^###/.test(line.text)) {
      addRequest(facts, block, expander);
      block = [];
    } else {
      block.push(line);
    }
  });
  addRequest(facts, block, expander);
  facts.checksCloudId = /\bCloud(?:Deployment)?Id\b/i.test(text);
  return facts;
}

/** Expands `{{name}}` references in ranges of the document, from file variables defined exactly once. */
class Expander {
  private readonly variables = new Map<string, { start: number; end: number }[]>();
  private readonly expanding = new Set<string>();
  /** Expansions worked out with no other variable being expanded: the same at each use (a base URL in every request). */
  private readonly expanded = new Map<string, Segment[]>();

  constructor(private readonly text: string, lines: Line[]) {
    for (const line of lines) {
      const variable = readVariableLine(line.text);
      if (!variable) continue;
      const { name } = variable;
      this.variables.set(name, [...(this.variables.get(name) ?? []), { start: line.start + variable.start, end: line.start + variable.end }]);
    }
  }

  expand(start: number, end: number): Segment[] {
    const segments: Segment[] = [];
    const references = /\{\{([^{}]*)\}\}/g;
    references.lastIndex = start;
    let copied = start;
    for (let match = references.exec(this.text); match && match.index + match[0].length <= end; match = references.exec(this.text)) {
      if (match.index > copied) segments.push({ text: this.text.slice(copied, match.index), at: copied });
      segments.push(...referencedAt(this.variable(match[1].trim()), { start: match.index, end: match.index + match[0].length }));
      copied = match.index + match[0].length;
    }
    if (end > copied) segments.push({ text: this.text.slice(copied, end), at: copied });
    return segments;
  }

  private variable(name: string): Segment[] {
    const key = name.toLowerCase();
    const definitions = this.variables.get(key);
    if (definitions?.length !== 1 || this.expanding.has(key)) return [{ text: UNKNOWN }];
    const outermost = this.expanding.size === 0;
    const known = outermost ? this.expanded.get(key) : undefined;
    if (known) return known;
    this.expanding.add(key);
    try {
      const segments = this.expand(definitions[0].start, definitions[0].end);
      if (outermost) this.expanded.set(key, segments);
      return segments;
    } finally {
      this.expanding.delete(key);
    }
  }
}

function addRequest(facts: FileFacts, block: Line[], expander: Expander): void {
  let index = block.findIndex((line) => line.text.trim() !== '' && !commentLine.test(line.text) && !variableLine.test(line.text));
  const first = block[index];
  const request = first && readRequestLine(first.text);
  if (!request) return;
  const urlStart = first.start + request.start;
  let urlEnd = first.start + request.end;
  const urlSegments = expander.expand(urlStart, urlEnd);
  for (index++; index < block.length && /^\s*[?&]/.test(block[index].text); index++) {
    const line = block[index];
    const start = line.start + line.text.search(/[?&]/);
    urlEnd = line.start + line.text.trimEnd().length;
    urlSegments.push(...expander.expand(start, urlEnd));
  }
  const url = valueOf(urlSegments, { start: urlStart, end: urlEnd });
  while (index < block.length && block[index].text.trim() !== '') index++; // headers
  const bodyLines = block.slice(index + 1);
  while (bodyLines.length > 0 && bodyLines[bodyLines.length - 1].text.trim() === '') bodyLines.pop();
  const bodyStart = bodyLines[0]?.start;
  const bodyEnd = bodyLines.length > 0 ? bodyLines[bodyLines.length - 1].start + bodyLines[bodyLines.length - 1].text.length : undefined;
  const bodyText = bodyStart === undefined || bodyEnd === undefined ? undefined : valueOf(expander.expand(bodyStart, bodyEnd), { start: bodyStart, end: bodyEnd });
  const body = bodyText === undefined ? null : bodyText.text.trimStart().startsWith('<') ? undefined : readBody(bodyText);
  facts.values.push(url, ...(body?.tenantId ? [body.tenantId] : []));
  addRequestFacts(facts, { method: (request.method ?? 'GET').toUpperCase(), url, body, span: url.span });
}
