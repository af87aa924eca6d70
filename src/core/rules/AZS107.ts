import type { NonAsciiRun } from '../facts';
import type { Fix } from '../fixes';
import { asciiEquivalent } from '../parse/powershell';
import { defineRule, type RelatedReport } from './rule';

/** The places to replace with ASCII, when every one of them has an ASCII character PowerShell reads it as. */
export interface AsciiData {
  ascii?: { start: number; end: number; text: string }[];
}

/** Places listed as related information beside the finding: enough to find them, not a list as long as the file. */
const listedPlaces = 20;

/** The run written in the ASCII characters PowerShell reads it as; undefined when one of them has none. */
function inAscii(run: NonAsciiRun): string | undefined {
  let ascii = '';
  for (const char of run.text) {
    const replacement = asciiEquivalent(char);
    if (replacement === undefined) return undefined;
    ascii += replacement;
  }
  return ascii;
}

/**
 * Code page 1252 from 0x80 to 0x9F (the rest is Latin-1); a byte it leaves undefined is shown as the replacement
 * character. Written out: not every Node build's TextDecoder knows this code page.
 */
const windows1252 = '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD'
  + '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';

/** What Windows PowerShell 5.1 reads instead of `char` from a UTF-8 file without a BOM (ANSI code page 1252). */
export function ansiReading(char: string): string {
  return [...new TextEncoder().encode(char)].map((byte) => (byte >= 0x80 && byte < 0xa0 ? windows1252[byte - 0x80] : String.fromCharCode(byte))).join('');
}

export default defineRule({
  code: 'AZS107',
  name: 'breaks-windows-powershell',
  title: { en: 'Breaks under Windows PowerShell 5.1', sv: 'Går sönder i Windows PowerShell 5.1' },
  docs: {
    finds: {
      en: 'A script saved as UTF-8 without a byte order mark that holds characters outside ASCII in its code: typographic dashes and quotes, non-breaking spaces, letters such as å or é in strings. Comments are left alone, and so are files saved with a BOM or as UTF-16. One finding per file, at the first such character, with the others as related information. The editor and azs-lint know how the file is saved; where that is not known, the rule says nothing. The preferred fix (the one Fix all and azs-lint --fix apply) writes a byte order mark character at the start of the text, which is the file\'s BOM once saved (the editor shows it as an invisible character until the file is opened again); the other writes each character as the ASCII one PowerShell reads it as (dashes, quotes, blanks), offered only when every one has such, and never applied without asking, as it changes text in strings too.',
      sv: 'Ett skript sparat som UTF-8 utan byte order mark som har tecken utanför ASCII i koden: typografiska streck och citattecken, hårda mellanslag, bokstäver som å eller é i strängar. Kommentarer lämnas i fred, och likaså filer sparade med BOM eller som UTF-16. Ett fynd per fil, vid det första sådana tecknet, med de andra som relaterad information. Editorn och azs-lint vet hur filen är sparad; där det inte är känt säger regeln ingenting. Den föredragna åtgärden (den som Åtgärda alla och azs-lint --fix använder) skriver ett byte order mark-tecken först i texten, som blir filens BOM när den sparas (editorn visar det som ett osynligt tecken tills filen öppnas igen); den andra skriver varje tecken som det ASCII-tecken PowerShell läser det som (streck, citattecken, blanksteg), erbjuds bara när alla tecken har ett sådant och används aldrig utan att fråga, eftersom den ändrar text i strängar också.',
    },
    matters: {
      en: 'Windows PowerShell 5.1, which the AzureStack modules and AzureStack-Tools need, reads a file without a BOM in the ANSI code page (1252 on most Western systems). Each such character becomes two or three others: an en dash (–) becomes â€“, whose last character is a typographic quote to PowerShell, so a parameter turns into the start of a string and the script fails to parse ("The string is missing the terminator") or passes mangled values. PowerShell 7 reads the same file as UTF-8, so the script works there and breaks on the machine that registers the stamp.',
      sv: 'Windows PowerShell 5.1, som AzureStack-modulerna och AzureStack-Tools kräver, läser en fil utan BOM med ANSI-teckentabellen (1252 på de flesta västerländska system). Varje sådant tecken blir två eller tre andra: ett kort tankstreck (–) blir â€“, vars sista tecken är ett typografiskt citattecken för PowerShell, så en parameter blir början på en sträng och skriptet går inte att tolka (”The string is missing the terminator”) eller skickar förvanskade värden. PowerShell 7 läser samma fil som UTF-8, så skriptet fungerar där och går sönder på datorn som registrerar stämpeln.',
    },
  },
  defaultSeverity: 'warning',
  azureError: null,
  messages: {
    noBom: {
      en: 'This file has no byte order mark and holds characters outside ASCII in its code ({count} in all): Windows PowerShell 5.1 reads it in the ANSI code page, where \'{char}\' becomes \'{ansi}\'. Save it as UTF-8 with BOM, or write these characters in ASCII.',
      sv: 'Den här filen saknar byte order mark och har tecken utanför ASCII i koden ({count} totalt): Windows PowerShell 5.1 läser den med ANSI-teckentabellen, där \'{char}\' blir \'{ansi}\'. Spara den som UTF-8 med BOM, eller skriv tecknen med ASCII.',
    },
    alsoHere: {
      en: '\'{char}\' here too.',
      sv: '\'{char}\' även här.',
    },
  },
  check({ facts, uri, encoding }) {
    const runs = facts.nonAsciiCode ?? [];
    if (encoding !== 'utf8' || facts.startsWithBom || runs.length === 0) return [];
    const [first] = runs;
    const char = String.fromCodePoint(first.text.codePointAt(0) ?? 0xfffd);
    const count = runs.reduce((sum, run) => sum + [...run.text].length, 0);
    const related = runs.slice(1, 1 + listedPlaces).map((run): RelatedReport<'alsoHere'> => ({
      uri, span: { start: run.start, end: run.end }, messageId: 'alsoHere', values: { char: run.text },
    }));
    const ascii = runs.map((run) => ({ start: run.start, end: run.end, text: inAscii(run) }));
    const data: AsciiData = ascii.every((a) => a.text !== undefined) ? { ascii: ascii as { start: number; end: number; text: string }[] } : {};
    return [{ messageId: 'noBom' as const, span: { start: first.start, end: first.end }, values: { count: String(count), char, ansi: ansiReading(char) }, related, data }];
  },
  fixes(finding, document): Fix[] {
    const fixes: Fix[] = [{
      // The character is the byte order mark once saved: every reader, azs-lint's and the editor's, takes it as one.
      title: { en: 'Save as UTF-8 with a byte order mark', sv: 'Spara som UTF-8 med byte order mark' },
      edits: [{ uri: document.uri, start: 0, end: 0, newText: '\uFEFF' }],
      preferred: true, safe: true,
    }];
    const ascii = finding.data?.ascii;
    if (ascii) {
      fixes.push({
        title: { en: 'Write these characters in ASCII', sv: 'Skriv tecknen med ASCII' },
        edits: ascii.map((place) => ({ uri: document.uri, start: place.start, end: place.end, newText: place.text })),
      });
    }
    return fixes;
  },
});
