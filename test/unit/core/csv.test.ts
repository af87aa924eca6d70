import * as assert from 'node:assert/strict';
import { csvField, parseCsv, toCsv } from '../../../src/core/csv';

const fieldsOf = (text: string) => parseCsv(text).map((record) => record.fields);
const linesOf = (text: string) => parseCsv(text).map((record) => record.line);

describe('core/csv', () => {
  describe('parseCsv: delimiters', () => {
    it('splits on commas by default', () => {
      assert.deepEqual(fieldsOf('a,b,c\n1,2,3\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
    });

    it('splits on semicolons when the first line has semicolons and no comma (European spreadsheets)', () => {
      assert.deepEqual(fieldsOf('a;b\n1;2,5\n'), [['a', 'b'], ['1', '2,5']]);
    });

    it('keeps commas when the first line has both, so a semicolon inside a field is text', () => {
      assert.deepEqual(fieldsOf('a;b,c\n1;2,3\n'), [['a;b', 'c'], ['1;2', '3']]);
    });

    it('decides from the first line only, up to its end even without a line break', () => {
      assert.deepEqual(fieldsOf('a,b\n1;2\n'), [['a', 'b'], ['1;2']]);
      assert.deepEqual(fieldsOf('a\n1;2\n'), [['a'], ['1;2']], 'a first line without either delimiter means commas');
      assert.deepEqual(fieldsOf('a;b,'), [['a;b', '']], 'the last character of a one-line file counts');
      assert.deepEqual(fieldsOf('a;b\r1;2'), [['a', 'b'], ['1', '2']], 'a lone CR ends the first line');
      assert.deepEqual(fieldsOf('a;b\r\n1,2'), [['a', 'b'], ['1,2']]);
    });

    it('looks past a byte-order mark for the delimiter', () => {
      assert.deepEqual(fieldsOf('\uFEFFa;b\n1;2'), [['a', 'b'], ['1', '2']]);
    });
  });

  describe('parseCsv: quotes', () => {
    it('reads delimiters, doubled quotes and line breaks inside quotes as text', () => {
      assert.deepEqual(fieldsOf('"a,b","say ""hi""","x\ny","p\r\nq"\n'), [['a,b', 'say "hi"', 'x\ny', 'p\r\nq']]);
    });

    it('opens a quoted field only at the start of a field', () => {
      assert.deepEqual(fieldsOf('a"b,c\n'), [['a"b', 'c']]);
      assert.deepEqual(fieldsOf('5" disk,"x"\n'), [['5" disk', 'x']]);
    });

    it('keeps text written after a closing quote in the same field', () => {
      assert.deepEqual(fieldsOf('"ab"c,d\n'), [['abc', 'd']]);
    });

    it('reads an empty quoted field as empty and a quote pair at the end of a quoted field as one quote', () => {
      assert.deepEqual(fieldsOf('"",x,"a"""\n'), [['', 'x', 'a"']]);
    });

    it('reads a quote that is never closed as text, so the rows after it stay rows, and says so on its record', () => {
      assert.deepEqual(parseCsv('x,"open\nstill open\r\nthird,row'), [
        { line: 1, fields: ['x', '"open'], unclosedQuote: true }, { line: 2, fields: ['still open'] }, { line: 3, fields: ['third', 'row'] },
      ]);
      assert.deepEqual(parseCsv('"a\n"",y\n'), [{ line: 1, fields: ['"a'], unclosedQuote: true }, { line: 2, fields: ['', 'y'] }], 'a later quote still opens its own field');
    });

    it('tells a closed quote by a last quote that is not doubled, even at the very end', () => {
      assert.deepEqual(parseCsv('"a""'), [{ line: 1, fields: ['"a""'], unclosedQuote: true }]);
      assert.deepEqual(parseCsv('"a"""'), [{ line: 1, fields: ['a"'] }]);
      assert.deepEqual(parseCsv('"a"'), [{ line: 1, fields: ['a'] }]);
      assert.deepEqual(parseCsv('"'), [{ line: 1, fields: ['"'], unclosedQuote: true }]);
    });
  });

  describe('parseCsv: records and line numbers', () => {
    it('ends records at LF, CRLF or a lone CR, without empty records in between', () => {
      assert.deepEqual(parseCsv('a\nb\r\nc\rd'), [
        { line: 1, fields: ['a'] }, { line: 2, fields: ['b'] }, { line: 3, fields: ['c'] }, { line: 4, fields: ['d'] },
      ]);
    });

    it('skips blank records (no text or only blanks) but still counts their lines', () => {
      assert.deepEqual(parseCsv('\na,b\n\n , \r\n\r\nc,d\n\n'), [{ line: 2, fields: ['a', 'b'] }, { line: 6, fields: ['c', 'd'] }]);
    });

    it('keeps a record whose only text is in a later field', () => {
      assert.deepEqual(fieldsOf(',x\n'), [['', 'x']]);
    });

    it('gives each record its first line, also after a multi-line quoted field', () => {
      assert.deepEqual(linesOf('"one\ntwo\nthree",x\nnext\n'), [1, 4]);
      assert.deepEqual(linesOf('"one\r\ntwo",x\r\nnext\r\n'), [1, 3]);
    });

    it('counts a lone CR inside a quoted field as a line break, as it does outside quotes', () => {
      assert.deepEqual(linesOf('"one\rtwo",x\rnext\r'), [1, 3]);
    });

    it('drops only a leading byte-order mark', () => {
      assert.deepEqual(parseCsv('\uFEFFa,b'), [{ line: 1, fields: ['a', 'b'] }]);
      assert.deepEqual(fieldsOf('a,\uFEFFb'), [['a', '\uFEFFb']]);
    });

    it('keeps blanks around fields (callers trim what they need)', () => {
      assert.deepEqual(fieldsOf(' a , b \n'), [[' a ', ' b ']]);
    });

    it('reads an empty or blank text as no records', () => {
      assert.deepEqual(parseCsv(''), []);
      assert.deepEqual(parseCsv('\uFEFF\r\n \n'), []);
    });
  });

  describe('csvField', () => {
    it('writes numbers as they are, negative ones too', () => {
      assert.equal(csvField(3), '3');
      assert.equal(csvField(-1.5), '-1.5');
      assert.equal(csvField(0), '0');
    });

    it('leaves plain text alone', () => {
      assert.equal(csvField('Contoso Ltd'), 'Contoso Ltd');
      assert.equal(csvField(''), '');
    });

    for (const [text, written] of [
      ['=1+1', "'=1+1"], ['+1', "'+1"], ['-1', "'-1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', '"\'\rx"'],
    ]) {
      it(`defuses ${JSON.stringify(text)}, which a spreadsheet would read as a formula`, () => assert.equal(csvField(text), written));
    }

    it('defuses only a formula character at the start', () => {
      assert.equal(csvField('a=b-c+d@e'), 'a=b-c+d@e');
    });

    for (const [text, written] of [
      ['a,b', '"a,b"'], ['a;b', '"a;b"'], ['say "hi"', '"say ""hi"""'], ['a\nb', '"a\nb"'], ['a\rb', '"a\rb"'],
    ]) {
      it(`quotes ${JSON.stringify(text)}, so a reader with either delimiter keeps it one field`, () => assert.equal(csvField(text), written));
    }
  });

  describe('toCsv', () => {
    it('writes a header and rows with commas, CRLF after every line', () => {
      assert.equal(toCsv(['name', 'count'], [['a;b', 2], ['=x', -1]]), 'name,count\r\n"a;b",2\r\n\'=x,-1\r\n');
    });

    it('writes only the header when there are no rows', () => {
      assert.equal(toCsv(['a', 'b'], []), 'a,b\r\n');
    });

    it('is read back by parseCsv field for field', () => {
      const rows = [['x, "y"', 'line\nbreak'], ['', 'plain']];
      assert.deepEqual(fieldsOf(toCsv(['h1', 'h2'], rows)), [['h1', 'h2'], ...rows]);
    });
  });
});
