// Text files as Windows tools write them: UTF-8 with or without a byte order mark, UTF-16 LE or BE with one (what
// Windows PowerShell's Out-File writes). `azs-lint --fix` writes a file back in the encoding it was read in.
export interface Encoding {
  name: 'utf8' | 'utf16le' | 'utf16be';
  bom: boolean;
}

/** The text of a file and its encoding, told by its byte order mark (UTF-8 without one). */
export function decode(bytes: Buffer): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: { name: 'utf16le', bom: true } };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: swapBytes(bytes.subarray(2)).toString('utf16le'), encoding: { name: 'utf16be', bom: true } };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: bytes.subarray(bom ? 3 : 0).toString('utf8'), encoding: { name: 'utf8', bom } };
}

/** The encoding as VS Code names it ('utf8bom' for UTF-8 with a BOM), as the linter takes it. */
export function encodingId(encoding: Encoding): string {
  return encoding.name === 'utf8' && encoding.bom ? 'utf8bom' : encoding.name;
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding.name) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))]);
    case 'utf8':
      return Buffer.concat([Buffer.from(encoding.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
  }
}

/** A copy with each pair of bytes swapped (UTF-16 BE ↔ LE); an odd last byte is dropped. */
function swapBytes(bytes: Buffer): Buffer {
  const swapped = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped;
}
