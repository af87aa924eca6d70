// Unified diffs of what `azs-lint --fix-dry-run` would change, with `a/` and `b/` paths as git prints them, so the
// output can be read or given to `git apply`.
import * as nodePath from 'node:path';

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
