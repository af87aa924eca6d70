// Unified diffs of what `azs-lint --fix-dry-run` would change, with `a/` and `b/` paths as git prints them, so the
// output can be read or given to `git apply`.
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { deflateSync } from 'node:zlib';
import { encode, encodingLabel, type Encoding } from '../core/encoding';
import { pick, type Locale } from '../core/l10n';

/**
 * The name a diff gives the file at `path`: relative to `cwd` with `/` between folders, `../` included, so that
 * `git apply --unsafe-paths` in the folder the run was started in finds the file outside it too (on another Windows
 * drive, where no relative path leads, the absolute one). `paths`: node:path of the platform the paths are from.
 */
export function diffName(path: string, cwd: string, paths: nodePath.PlatformPath = nodePath): string {
  return paths.relative(cwd, path).split(paths.sep).join('/');
}

const escapes: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * `a/name` as git writes it in a diff header: in double quotes with C escapes when the name holds a quote, a backslash
 * or a control character (a line break would end the header line, an escape sequence would reach the terminal), as it
 * is otherwise. Other control characters are escaped as git does, each byte of their UTF-8 in octal.
 */
function headerName(prefixed: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what needs quoting
  const special = /["\\\u0000-\u001f\u007f-\u009f]/g;
  if (prefixed.search(special) < 0) return prefixed;
  const octal = (c: string) => [...Buffer.from(c)].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
  return `"${prefixed.replace(special, (c) => escapes[c] ?? octal(c))}"`;
}

/** A file's lines, each with its line break (the last one may have none). */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const context = 3;

interface Hunk {
  oldStart: number;
  newStart: number;
  old: string[];
  new: string[];
}

/**
 * The changed stretches between the two texts' common first and last lines. Fixes replace words within lines, so the
 * stretches usually have as many lines each: then lines are paired one to one and unchanged runs split the hunks.
 */
function hunks(before: string[], after: string[]): Hunk[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  if (oldEnd - head !== newEnd - head) return [{ oldStart: head, newStart: head, old: before.slice(head, oldEnd), new: after.slice(head, newEnd) }];
  const changed: number[] = [];
  for (let i = head; i < oldEnd; i++) if (before[i] !== after[i]) changed.push(i);
  const result: Hunk[] = [];
  for (const line of changed) {
    const last = result.at(-1);
    if (last && line - (last.oldStart + last.old.length) <= 2 * context) {
      for (let i = last.oldStart + last.old.length; i <= line; i++) {
        last.old.push(before[i]);
        last.new.push(after[i]);
      }
    } else {
      result.push({ oldStart: line, newStart: line, old: [before[line]], new: [after[line]] });
    }
  }
  return result;
}

function printed(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n\\ No newline at end of file\n`;
}

/** The unified diff that turns `before` into `after` for the file `name` (`diffName`; '' when they are equal). */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  const out = [`--- ${headerName(`a/${name}`)}\n`, `+++ ${headerName(`b/${name}`)}\n`];
  for (const hunk of hunks(oldLines, newLines)) {
    const start = Math.max(0, hunk.oldStart - context);
    const leading = oldLines.slice(start, hunk.oldStart);
    const oldStop = hunk.oldStart + hunk.old.length;
    const trailing = oldLines.slice(oldStop, oldStop + context);
    const oldCount = leading.length + hunk.old.length + trailing.length;
    const newCount = leading.length + hunk.new.length + trailing.length;
    const newStart = hunk.newStart - leading.length;
    out.push(`@@ -${oldCount === 0 ? start : start + 1},${oldCount} +${newCount === 0 ? newStart : newStart + 1},${newCount} @@\n`);
    out.push(...leading.map((l) => printed(' ', l)));
    for (let i = 0; i < Math.max(hunk.old.length, hunk.new.length); i++) {
      // Paired lines that did not change (inside a merged hunk) are context.
      if (i < hunk.old.length && i < hunk.new.length && hunk.old[i] === hunk.new[i] && hunk.old.length === hunk.new.length) out.push(printed(' ', hunk.old[i]));
      else {
        if (i < hunk.old.length) out.push(printed('-', hunk.old[i]));
        if (i < hunk.new.length) out.push(printed('+', hunk.new[i]));
      }
    }
    out.push(...trailing.map((l) => printed(' ', l)));
  }
  return out.join('');
}

/** git's base 85 digits, in the order of their values. */
const base85Digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** A `literal` hunk of a git binary patch: `bytes` deflated, in lines of 52 bytes each as base 85, a length letter first. */
function literal(bytes: Uint8Array): string {
  const data = deflateSync(bytes);
  const lines = [`literal ${bytes.length}\n`];
  for (let start = 0; start < data.length; start += 52) {
    const chunk = data.subarray(start, start + 52);
    let line = chunk.length <= 26 ? String.fromCharCode(64 + chunk.length) : String.fromCharCode(96 + chunk.length - 26);
    for (let at = 0; at < chunk.length; at += 4) {
      let value = (((chunk[at] << 24) | ((chunk[at + 1] ?? 0) << 16) | ((chunk[at + 2] ?? 0) << 8) | (chunk[at + 3] ?? 0)) >>> 0);
      const digits: string[] = [];
      for (let i = 0; i < 5; i++, value = Math.floor(value / 85)) digits.unshift(base85Digits[value % 85]);
      line += digits.join('');
    }
    lines.push(`${line}\n`);
  }
  return `${lines.join('')}\n`;
}

/** The id git gives a file of these bytes (a blob's SHA-1), which `git apply` checks a binary patch against. */
function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const binaryWords = {
  en: '{name} is {encoding}, which git reads as binary: the fix is a git binary patch (git apply takes it); as text:',
  sv: '{name} är {encoding}, som git läser som binärt: åtgärden är en binär git-patch (git apply tar den); som text:',
};

/**
 * The diff of a fixed file as `git apply` takes it. UTF-8 is diffed as text, with its byte order mark (the first line
 * holds it in the file). UTF-16 git reads as binary, so a diff of its text does not apply: its fix is a git binary
 * patch of the bytes, after the diff of the text as comment lines (`# `), which git apply passes over.
 */
export function fixDiff(name: string, before: string, after: string, encoding: Encoding, locale: Locale): string {
  if (encoding.name === 'utf8') {
    const mark = encoding.bom ? '\ufeff' : '';
    return unifiedDiff(name, mark + before, mark + after);
  }
  const [old, fixed] = [encode(before, encoding), encode(after, encoding)];
  const said = pick(binaryWords, locale, { name: headerName(name), encoding: encodingLabel(encoding, locale) });
  const text = unifiedDiff(name, before, after).split('\n').slice(0, -1).map((line) => `# ${line}\n`).join('');
  return `# ${said}\n${text}diff --git ${headerName(`a/${name}`)} ${headerName(`b/${name}`)}\nindex ${blobId(old)}..${blobId(fixed)}\nGIT binary patch\n${literal(fixed)}${literal(old)}`;
}
