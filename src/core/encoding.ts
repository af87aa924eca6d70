// Text files as Windows tools write them: UTF-8 with or without a byte order mark, UTF-16 LE or BE with one (what
// Windows PowerShell 5.1's `>` and Out-File write). The one place every reader (azs-lint, the editor's workspace
// reading, CSV and price files) turns bytes into text; `azs-lint --fix` writes a file back in the encoding it was read in.
import type { Locale } from './l10n';

export interface Encoding {
  name: 'utf8' | 'utf16le' | 'utf16be';
  bom: boolean;
}

const byteOrderMarks: Record<Encoding['name'], readonly number[]> = { utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe], utf16be: [0xfe, 0xff] };

const decoderLabels: Record<Encoding['name'], string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be' };

/** The encoding a byte order mark at the start of `bytes` tells; UTF-8 without a BOM when there is none. */
export function encodingOf(bytes: Uint8Array): Encoding {
  const name = (Object.keys(byteOrderMarks) as Encoding['name'][]).find((n) => byteOrderMarks[n].every((b, i) => bytes[i] === b));
  return name ? { name, bom: true } : { name: 'utf8', bom: false };
}

/** The text of a file and its encoding, told by its byte order mark (UTF-8 without one); the mark is not in the text. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const encoding = encodingOf(bytes);
  const markLength = encoding.bom ? byteOrderMarks[encoding.name].length : 0;
  const text = new TextDecoder(decoderLabels[encoding.name], { ignoreBOM: true }).decode(bytes.subarray(markLength));
  return { text, encoding };
}

/** The encoding as VS Code names it ('utf8bom' for UTF-8 with a BOM), as the linter takes it (AZS107). */
export function encodingId(encoding: Encoding): string {
  return encoding.name === 'utf8' && encoding.bom ? 'utf8bom' : encoding.name;
}

/**
 * The text of a file written by a spreadsheet or a Windows tool: as `decode` reads it, except that text whose bytes
 * look like UTF-16 LE without a BOM (ASCII with a NUL after nearly every character, as Excel can save) is read as that.
 */
export function decodeText(bytes: Uint8Array): string {
  if (!encodingOf(bytes).bom && looksUtf16le(bytes)) return new TextDecoder('utf-16le').decode(bytes);
  return decode(bytes).text;
}

function looksUtf16le(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let oddNuls = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) oddNuls++;
  return sample.length >= 4 && oddNuls > sample.length / 4;
}

/** The bytes of `text` in `encoding`, with its byte order mark when it had one. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  const mark = encoding.bom ? byteOrderMarks[encoding.name] : [];
  const body = encoding.name === 'utf8' ? new TextEncoder().encode(text) : utf16(text, encoding.name === 'utf16be');
  const bytes = new Uint8Array(mark.length + body.length);
  bytes.set(mark);
  bytes.set(body, mark.length);
  return bytes;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), !bigEndian);
  return bytes;
}

/** "UTF-16 LE with BOM" ("… med BOM"), for notes that say how a file was read. */
export function encodingLabel(encoding: Encoding, locale: Locale = 'en'): string {
  const name = { utf8: 'UTF-8', utf16le: 'UTF-16 LE', utf16be: 'UTF-16 BE' }[encoding.name];
  return encoding.bom ? `${name} ${locale === 'sv' ? 'med' : 'with'} BOM` : name;
}
