// CSV as spreadsheets write and read it: RFC 4180 quoting, CRLF or LF, a BOM, and formula-safe text fields.

/** Spreadsheets in many European locales write `;` between fields; the first line tells which one a file uses. */
function delimiterOf(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** A record of a CSV file: its first line, its fields, and whether it holds a quote that never closes. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** A field here opens a quote that no later quote closes: the quote is read as text, so that the rows after it stay rows. */
  unclosedQuote?: true;
}

/**
 * `closes[i]` is 1 when a quoted field whose text starts at `i` is closed before the end of the text (by a quote that
 * is not doubled). Worked out once from the end, so that checking every opening quote keeps the reading linear.
 */
function closingQuotes(text: string): Uint8Array {
  const closes = new Uint8Array(text.length + 2);
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] !== '"') closes[i] = closes[i + 1];
    else closes[i] = text[i + 1] === '"' ? closes[i + 2] : 1;
  }
  return closes;
}

/**
 * Splits CSV text into records (RFC 4180 quotes, CRLF or LF, a leading BOM), keeping each record's first line. A quote
 * that opens a field and is never closed would take every later row into that field: it is read as text instead, and
 * its record says so.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let unclosed = false;
  let line = 1;
  let recordLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(source);
  const closes = closingQuotes(source);
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields, ...(unclosed ? { unclosedQuote: true as const } : {}) });
    fields = [];
    field = '';
    unclosed = false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else {
        // A line break inside quotes still moves later records down: LF, CRLF (counted at its LF) or a lone CR.
        if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      if (closes[i + 1]) quoted = true;
      else { field += c; unclosed = true; }
    } else if (c === delimiter) { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  endRecord();
  return records;
}

/** One CSV field, quoted when needed and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
