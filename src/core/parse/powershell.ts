// PowerShell → facts on a real tree-sitter parse (web-tree-sitter + tree-sitter-powershell's wasm).
//
// A 10,000-line script has some 300,000 nodes, and visiting each from JavaScript costs more than the parse itself.
// So nothing walks the whole tree: a regular-expression scan of the text finds the few places that matter (the
// names of known cmdlets, registration paths, placeholders, suppression comments), and the tree then says what
// each place is — a command, a string, a comment — by a short descent from the root to that offset.
import { join } from 'node:path';
import type { Node, Point, Tree } from 'web-tree-sitter';
// A require-style import, so that bundles take web-tree-sitter's CommonJS build: its ES module build locates itself
// through import.meta.url, which a CommonJS bundle (the extension, the CLI) does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import treeSitter = require('web-tree-sitter');
import { UNKNOWN, findPlaceholder, placeholderCandidates } from '../ids';
import {
  emptyFacts, referencedAt, unknownValueAt, valueOf, valueReferencedAt, writtenValue, type CmdletUse, type FileFacts, type ParameterUse, type Segment, type Value,
} from '../facts';
import { LineMap, type Span } from '../text';
import { CmdletFacts, isAsciiLetter, sameName } from './cmdlets';
import { EnvironmentFlow } from './psEnvironment';
import { ScriptHazards } from './psHazards';
import { decodeBareWord, decodeString, doubleQuotes, singleQuotes, variableEnd, type Interpolate } from './psStrings';
import { readResourceId, registrationPathInString } from './requests';
import { SharedSlices } from './sharedSlices';
import { suppressionIn } from './suppressions';
import { NestedSpans, TreePath, firstAtOrAfter } from './treePath';
import {
  LeadingLines, lexCommandElements, lexHashtableEntries, operatorNames, stringVariables, type LexedAssignment, type LexedElement,
} from './psCommandLexer';

/** A change to a document: `start`/`end` are offsets into the text before the change. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

const runtimes = new Map<string, Promise<PowerShellParser>>();

export class PowerShellParser {
  private constructor(private readonly parser: treeSitter.Parser) {}

  /**
   * Loads web-tree-sitter.wasm and tree-sitter-powershell.wasm from `wasmDir` once; every later call for the same
   * folder shares the loaded parser (the wasm runtime is process-wide, so loading it again would gain nothing).
   */
  static load(wasmDir: string): Promise<PowerShellParser> {
    let loading = runtimes.get(wasmDir);
    if (!loading) {
      loading = (async () => {
        await treeSitter.Parser.init({ locateFile: () => join(wasmDir, 'web-tree-sitter.wasm') });
        const parser = new treeSitter.Parser();
        parser.setLanguage(await treeSitter.Language.load(join(wasmDir, 'tree-sitter-powershell.wasm')));
        return new PowerShellParser(parser);
      })();
      runtimes.set(wasmDir, loading);
    }
    return loading;
  }

  /**
   * Parses `text` as PowerShell reads it (`asPowerShellReads`); with `previous` (already edited to match `text`) only
   * the changed part is parsed again.
   */
  parse(text: string, previous?: Tree): Tree | undefined {
    return this.parseRead(asPowerShellReads(text), previous);
  }

  /** `parse`, of a text already rewritten by `asPowerShellReads` (the reader needs the rewrite as well). */
  parseRead(code: string, previous?: Tree): Tree | undefined {
    return this.parser.parse(code, previous) ?? undefined;
  }
}

/** What PowerShell's tokenizer takes as a blank (the grammar knows only the space between a command's arguments). */
const blank = /[\t\v\f\u0085\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** A byte order mark character at the start: a fix writes one to save the file with a BOM (AZS107). */
const leadingBom = /^\uFEFF/;
/** A line break of old Mac files, which PowerShell reads as one and the grammar does not. */
const loneCarriageReturn = /\r(?!\n)/g;
const dash = /[\u2013-\u2015]/g;
const singleQuote = /[\u2018-\u201B]/g;
const doubleQuote = /[\u201C-\u201E]/g;
/** Any character that one of the patterns above replaces: made of theirs, so it cannot miss one they find. */
const oneForOne = new RegExp([leadingBom, blank, loneCarriageReturn, dash, singleQuote, doubleQuote].map((pattern) => pattern.source).join('|'));
/** A backtick that only blanks follow on its line: it escapes a blank, not the line break, so the command ends there. */
const lostContinuation = /` +(?=[\r\n]|$)/g;
/** A line that starts with a parameter (`-Name`; not an operator such as `-and`), and the line break before it. */
const parameterLine = new RegExp(`(^|[\\r\\n])( *)-(?=[A-Za-z_])(?!${operatorNames}\\b)(?:(\\w+):)?`, 'gi');

/**
 * The ASCII character PowerShell reads `char` as in code (a blank, a dash, a quote), or undefined when it reads it as
 * itself. Replacing one with the other leaves the code's meaning to PowerShell as it was.
 */
export function asciiEquivalent(char: string): string | undefined {
  const one = (pattern: RegExp) => char.length === 1 && char.search(pattern) === 0;
  if (one(blank)) return ' ';
  if (one(dash)) return '-';
  if (one(singleQuote)) return "'";
  return one(doubleQuote) ? '"' : undefined;
}

/** `${name}`s: where they go on a bare word (`a${name}`), the grammar ends the word at a `}`, and PowerShell does not. */
const bracedVariables = /(?:\$\{[\w:]+\})+/g;
/** Characters after which a `$` starts a word of its own, or lies in an expression or a string's start. */
const beforeWord = /[\s"'(){}[\]=,;|&@`$]/;

function bracedVariablesInWord(found: string, offset: number, text: string): string {
  // Both braces go: a closing one alone would leave `${` open where the word is in a string ("a${name}").
  return offset === 0 || beforeWord.test(text[offset - 1]) ? found : found.replace(/\$\{([\w:]+)\}/g, '$$_$1_');
}

/**
 * Where the line before does not end in a backtick, PowerShell runs a line that starts with a parameter as a command
 * of its own, named like the parameter (a lost continuation: the parameters are not passed). The grammar knows no
 * command name that starts with a dash, and its error recovery would lose the lines after it, so the dash reads as a
 * letter.
 */
function parameterLineAsCommand(found: string, lineBreak: string, indent: string, boundName: string | undefined, offset: number, text: string): string {
  const lineEnd = lineBreak === '\n' && text[offset - 1] === '\r' ? offset - 1 : offset;
  if (lineBreak !== '' && text[lineEnd - 1] === '`') return found;
  // `-Name:value` is the command `-Name:` with the argument `value`; the grammar wants a blank before an argument.
  return `${lineBreak}${indent}_${boundName === undefined ? '' : `${boundName} `}`;
}

/**
 * The text with each character replaced by the ASCII one PowerShell reads it as, so that the grammar sees what
 * PowerShell sees: tabs, non-breaking and other Unicode spaces are blanks, a lone CR is a line break, en and em dashes
 * and the horizontal bar are dashes, typographic quotes are quotes, a backtick with only blanks after it is a blank
 * (PowerShell's lost line continuation), a line that starts with a parameter is a command, and a `${name}` inside a
 * bare word belongs to it. Replacements are one character for one, so every offset into it is an offset into `text`.
 * Values are still read from the text itself: a typographic quote inside a string stays what it is.
 */
export function asPowerShellReads(text: string): string {
  // Each replacement scans the whole text, and most scripts hold none of the characters replaced one for one.
  const ascii = !oneForOne.test(text) ? text : text.replace(leadingBom, ' ').replace(blank, ' ').replace(loneCarriageReturn, '\n')
    .replace(dash, '-').replace(singleQuote, "'").replace(doubleQuote, '"');
  return ascii.replace(lostContinuation, (found) => ' '.repeat(found.length)).replace(parameterLine, parameterLineAsCommand).replace(bracedVariables, bracedVariablesInWord);
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}

/**
 * The tree edits that turn `oldText` into `newText` by `changes` (offsets into `oldText`), or undefined when the
 * changes do not produce `newText` (then the caller parses from scratch).
 */
export function treeEdits(oldText: string, newText: string, changes: readonly TextChange[]): treeSitter.Edit[] | undefined {
  const ordered = [...changes].sort((a, b) => b.start - a.start);
  const edits: treeSitter.Edit[] = [];
  let text = oldText;
  let limit = oldText.length;
  for (const change of ordered) {
    if (change.start < 0 || change.end < change.start || change.end > limit) return undefined;
    const startPosition = pointAt(text, change.start);
    const inserted = pointAt(change.text, change.text.length);
    edits.push(new treeSitter.Edit({
      startIndex: change.start,
      oldEndIndex: change.end,
      newEndIndex: change.start + change.text.length,
      startPosition,
      oldEndPosition: pointAt(text, change.end),
      newEndPosition: inserted.row === 0
        ? { row: startPosition.row, column: startPosition.column + inserted.column }
        : { row: startPosition.row + inserted.row, column: inserted.column },
    }));
    text = text.slice(0, change.start) + change.text + text.slice(change.end);
    limit = change.start;
  }
  return text === newText ? edits : undefined;
}

/**
 * Cmdlets whose calls matter: registration, generic resource and REST access, secrets, and every AzureRM cmdlet.
 * Sticky: tried only where `knownNounStarts` points, as scanning every offset of a long script for it is slow.
 */
const knownCommandNames = [
  'Set-AzsRegistration', 'Remove-AzsRegistration', 'Get-AzsRegistrationToken', 'Register-AzsEnvironment', 'Unregister-AzsEnvironment',
  '(?:New|Get|Set|Remove)-Az(?:ureRm)?Resource', 'Invoke-AzRestMethod', 'Invoke-RestMethod', 'Invoke-WebRequest',
  'ConvertTo-SecureString', '(?:Import|Install|Update)-Module', '[A-Za-z]+-AzureRm\\w+',
  '(?:Connect|Add|Login|Disconnect)-AzAccount', '(?:Select|Set|Clear|Import|Remove)-AzContext', '(?:Add|Set)-AzEnvironment',
].join('|');
const knownCommand = new RegExp(`(?<![\\w-])(?:${knownCommandNames})(?![\\w-])`, 'iy');

/** Whether the reader reads calls of the command with this name (the oracle tests ask, to compare every such call). */
export function isKnownCommand(name: string): boolean {
  return new RegExp(`^(?:${knownCommandNames})$`, 'i').test(name);
}

/** The hyphen and first letters of each noun in `knownCommand`: a literal hyphen the regular-expression engine finds fast. */
const knownNounStarts = /-(?:az|restmethod|webrequest|securestring|module)/gi;

/**
 * Words of a string that may hold a registration path; a misspelled type segment follows the provider's name (which
 * counts only before another type than registrations, so that a path costs no more look-ups than before).
 */
const registrationWords = /registrations?\b|customerSubscriptions?\b|Microsoft\.AzureStack\/(?!registrations?\b)/gi;
/** Words of a CloudDeploymentID check, looked for in the lower-cased text (which also folds the Kelvin sign to 'k', as a case-insensitive pattern would not). */
const cloudIdWords = /cloudid|clouddeploymentid|get-azurestackstampinformation/;
/**
 * What the text itself holds wherever `cloudIdWords` match its lower-cased copy (no letter of these words but the 'k' of
 * "stack" comes from a character outside ASCII): most scripts are ruled out without lower-casing them whole.
 */
const cloudIdHint = /cloud(?:deployment)?id|stampinformation/i;
/** Commands that only show or log text: a placeholder in their message is no mistake. */
const displayCommand = /^(?:(?:Write|Out|Log|Format|Read|Show)-\w+|echo|print)$/i;

/** Switch parameters of the known cmdlets: a value after them is positional, unless bound with a colon. */
const switches = [
  'force', 'asplaintext', 'reregister', 'confirm', 'whatif', 'verbose', 'debug', 'asjob', 'expandproperties', 'passthru',
  'usagereportingenabled', 'marketplacesyndicationenabled', 'connectedscenario', 'usebasicparsing', 'allowclobber', 'skippublishercheck',
];

/** Whether a parameter's name is one of `switches`, in any letter case (without a lower-case copy of each name). */
function isSwitch(name: string): boolean {
  for (const switchName of switches) if (sameName(name, switchName)) return true;
  return false;
}

/** A bare word with a variable, a sub-expression or an escape in it, which PowerShell expands. */
const expandableBareWord = /^[^\s'"`$@(){}[\];,|&<>\u2018-\u201E][^\s'";,|&<>\u2018-\u201E]*$/;

const stringTypes = new Set(['expandable_string_literal', 'verbatim_string_characters', 'expandable_here_string_literal', 'verbatim_here_string_characters']);

type Mode = 'argument' | 'expression';

/**
 * An argument of an acting known cmdlet, or a value of a hashtable written there, with no script block, sub-expression
 * or parenthesis in it (or written as one literal): the walk up the tree from any place in it meets that cmdlet's
 * command before a statement list. `literal`: it is one bare word or plain string, which a descent would find.
 */
interface PlainArgument extends Span {
  /**
   * Undefined where the command's elements were read from its text (`lexCommandElements`): then an argument that is no
   * literal is a variable (`$name`, or `$name.Member` in a hashtable) with no literal in it, and an expanding string's
   * variables are told from its text.
   */
  node?: Node;
  /**
   * Set where the argument is one bare word or plain string, which a descent would find: then the argument is that
   * literal (one object where there were two: a dense script has thousands, alive through the whole read).
   */
  type: Literal['type'] | undefined;
  /** The literal is a double-quoted string with variables in it: a place in one of them is no place in the string. */
  expanding: boolean;
  /** An expanding string's variables, read from its text when first asked (where it has no node). */
  variables: Span[] | undefined;
  kept: 'argument';
  scan: number;
  /** Its value, where it is a literal (see `argumentValue`). */
  value: Value | undefined;
}

/** The arguments of an acting known cmdlet; `clean`: its command has no syntax error in it. */
interface Arguments {
  clean: boolean;
}

/**
 * A string literal or a bare word, where it is written without leading blanks, with its node and the node's type. No
 * node where it is an argument read from the command's text (`lexCommandElements`): its place is an argument's.
 */
interface Literal extends Span {
  node?: Node;
  type: 'string_literal' | 'generic_token';
  /**
   * Where the object is kept through the read: `argument`, an acting known cmdlet's argument (a `PlainArgument`, whose
   * value it keeps); `assigned`, the right-hand side of an assignment (`assignedStrings`); undefined where a descent
   * made it (each look-up then makes a new one).
   */
  kept: 'argument' | 'assigned' | undefined;
  /** The last scan of `forEachLiteralMatching` that visited a kept literal (a mark where a Set of offsets took a look-up). */
  scan: number;
  /** A kept argument's value, once worked out (where `values` took a look-up and an object more per argument). */
  value: Value | undefined;
}

/**
 * A parameter a command's text writes from `start` to `end` (`-Name`, `-Name:`), its name's span made when asked: a
 * dense script keeps thousands, and few are ever placed (one given no value).
 */
class WrittenParameter implements ParameterUse {
  // Declared and set in the constructor, its value and entries too: fields added later would go to a second store.
  declare readonly name: string;
  declare value: Value | undefined;
  declare entries: ParameterUse[] | undefined;
  private declare readonly start: number;
  private declare readonly end: number;

  constructor(name: string, start: number, end: number) {
    this.name = name;
    this.value = undefined;
    this.entries = undefined;
    this.start = start;
    this.end = end;
  }

  get nameSpan(): Span {
    return { start: this.start, end: this.end };
  }
}

/** An element of a known cmdlet's command, with its node where it was read from the tree. */
interface CommandElement extends LexedElement {
  node?: Node;
}

/** Where the text may bind a variable: at its `$`; `operator` is the offset of an assignment's `=`. */
interface Site {
  at: number;
  operator?: number;
}

/** One assignment-like binding of a variable: simple ones carry the assigned expression. */
interface Binding {
  at: number;
  /** The start of the function it is in, or -1 in the script itself. */
  scope: number;
  simple?: SimpleAssignment;
}

/** What a function's or script's assignments of one variable are: see `assignmentsKind`. */
type AssignmentsKind = 'no' | 'simple' | 'topLevel';

/** A variable's bindings in one function or the script itself, in the order of the text, and what they are once asked. */
interface ScopeBindings {
  list: Binding[];
  kind: AssignmentsKind | undefined;
}

/**
 * `$name = …`: `topLevel` (a statement of the script or function itself, not inside a block) is found when first asked.
 * `assignment` is its node, or undefined where it was read from a line of the text (`LeadingLines`): then `variable`
 * is where `$name` is written, and it ends with its right-hand side.
 */
interface SimpleAssignment {
  rhs: Span;
  assignment: Node | undefined;
  variable: Span | undefined;
  topLevel?: boolean;
}

/** `code`: the text as `asPowerShellReads` rewrites it, when the caller has it already (from `parseRead`). */
export function powerShellFacts(text: string, tree: Tree, code = asPowerShellReads(text)): FileFacts {
  return new Extraction(text, code, tree.rootNode).run();
}

/** A place that binds a variable, as the reader sees it: `rhs` for a simple assignment (`$name = …`) only. */
export interface VariableBinding {
  /** Lower case, without a scope. */
  name: string;
  /** Where its `$` is. */
  at: number;
  rhs?: Span;
}

/** Every binding the reader finds, in the order of the text (the oracle tests compare them with PowerShell's). */
export function powerShellBindings(text: string, tree: Tree): VariableBinding[] {
  return new Extraction(text, asPowerShellReads(text), tree.rootNode).allBindings();
}

class Extraction implements Interpolate {
  private readonly facts = emptyFacts();
  private readonly values = new Map<number, { end: number; value: Value }>();
  private bindingSites: Map<string, Site[]> | undefined;
  private readonly bindings = new Map<string, Map<number, ScopeBindings>>();
  /** The variables whose values are being worked out (a short stack: a Set added to and deleted from made garbage). */
  private readonly resolving: string[] = [];
  private lines: LineMap | undefined;
  /**
   * Where the arguments of acting known cmdlets are written (start → end), and the values of hashtables written
   * among them (see `literalReachesCommand`).
   */
  private readonly argumentPlaces = new Map<number, number>();
  /** Such arguments in commands without syntax errors, with nothing in them that holds statements (see `noteArgument`). */
  private readonly plainArguments = new DisjointSpans<PlainArgument>();
  /**
   * Right-hand sides of simple assignments without syntax errors that are one quoted string without variables, escapes
   * or inner quotes: each is one node of the tree, the literal a descent finds (see `literalAround`).
   */
  private readonly assignedStrings = new DisjointSpans<Literal>();
  /** The simple assignments found so far, by where their right-hand side starts (see `literalReachesCommand`). */
  private readonly assignedPlaces = new Map<number, SimpleAssignment>();
  private functionSpans: Span[] | undefined;
  private functionNesting: NestedSpans | undefined;
  /** Names and words cut from the text, shared where they recur. */
  private readonly cuts: SharedSlices;
  /** Whether the tree has no syntax errors, once asked. */
  private errorFree: boolean | undefined;
  /** The walks up the tree go along it (see `TreePath`). */
  private readonly path: TreePath;
  /**
   * `code`: the text as the tree was parsed (`asPowerShellReads`), where its structure is asked about. Values come from
   * `text`.
   */
  constructor(private readonly text: string, private readonly code: string, private readonly root: Node) {
    this.cuts = new SharedSlices(text);
    this.path = new TreePath(root, code);
  }

  run(): FileFacts {
    const commands = this.commands();
    const cmdlets = commands.finish();
    this.facts.cmdlets = cmdlets;
    this.registrationStrings(commands);
    this.placeholders();
    this.suppressions();
    this.facts.checksCloudId = cloudIdHint.test(this.text) && cloudIdWords.test(this.text.toLowerCase());
    this.facts.syntaxErrors = this.root.hasError;
    const hazards = new ScriptHazards(this.text, this.code, this.path);
    this.facts.lostContinuations = hazards.lostContinuations();
    this.facts.nonAsciiCode = hazards.nonAsciiCode();
    this.facts.startsWithBom = this.text.startsWith('\uFEFF');
    this.facts.cloudCalls = new EnvironmentFlow(this.text, this.path, cmdlets, (offset) => this.scopeAt(offset)).calls();
    return this.facts;
  }

  /** Every binding of every variable the text may assign, as `bindingsOf` sees it. */
  allBindings(): VariableBinding[] {
    return [...this.sites().keys()]
      .flatMap((name) => [...this.bindingsOf(name).values()].flatMap((scope) => scope.list).map((b) => ({ name, at: b.at, ...(b.simple ? { rhs: b.simple.rhs } : {}) })))
      .sort((a, b) => a.at - b.at);
  }

  // ---- scans -------------------------------------------------------------------------------------------------

  /** The known cmdlets' uses, their facts added (see `CmdletFacts`) once `finish` is called. */
  private commands(): CmdletFacts {
    const found = new CmdletFacts(this.facts);
    for (const written of knownCommandsWritten(this.text)) {
      const lexed = this.leadingLines()?.takeCommand(written.start);
      if (lexed?.name.end === written.end) {
        this.lexedNames.add(lexed.name);
        found.add(this.cmdlet(lexed.name, { start: written.start, end: lexed.end }, lexed.elements, true));
        continue;
      }
      const named = this.commandNamedAt(written) ?? this.commandAround(written.start);
      if (named) found.add(this.commandOf(named.nameSpan, named.command));
    }
    return found;
  }

  private lexedLines: LeadingLines | null | undefined;
  /** The names of the known cmdlets read from lines of the text: no literal is there (`literalAround`). */
  private readonly lexedNames = new DisjointSpans<Span>();

  /** The statements of the script's first lines, read from the text (see `LeadingLines`); null after a syntax error. */
  private leadingLines(): LeadingLines | null {
    if (this.lexedLines === undefined) this.lexedLines = this.isErrorFree() ? new LeadingLines(this.code) : null;
    return this.lexedLines;
  }

  /**
   * Whether the tree has no syntax errors. Then no empty node (one the parser put in for a missing token) lies where a
   * descent to an offset could stop on it short of the node that starts there, and a descent over a range (which passes
   * empty nodes by) finds what a descent to the offset and steps up find.
   */
  private isErrorFree(): boolean {
    return (this.errorFree ??= !this.root.hasError);
  }

  /**
   * The command whose name starts where a known command's name is `written`, when it goes on past that: the smallest
   * node that spans the written name and the character after it (nothing between the two spans both: the name is a
   * child of its command), whose first named child is the name. One descent, where a descent to the name and a step up
   * (which walks down from the root) cost about two. Only in a tree without syntax errors (see `isErrorFree`).
   */
  private commandNamedAt(written: Span): { nameSpan: Span; command: Node } | undefined {
    if (!this.isErrorFree()) return undefined;
    const command = this.path.descend(written.start, written.end + 1);
    if (command?.type !== 'command' || command.startIndex !== written.start) return undefined;
    // A command that starts with a letter starts with its name, and a blank ends the name: no node for it.
    if (this.code.charCodeAt(written.end) === 0x20) return { nameSpan: written, command };
    const name = command.firstNamedChild;
    return name?.type === 'command_name' && name.startIndex === written.start ? { nameSpan: this.extent(name), command } : undefined;
  }

  /**
   * The command named at `start`: the parent of the name a descent finds there. In a tree without syntax errors, where
   * the command goes on past its name, the smallest node spanning the name and the character after it (as in
   * `commandNamedAt`); elsewhere a command around this one could end past its name with an error in it.
   */
  private commandAround(start: number): { nameSpan: Span; command: Node } | undefined {
    const name = this.path.descend(start);
    if (name?.type !== 'command_name') return undefined;
    const nameSpan = this.extent(name);
    const around = this.isErrorFree() ? this.path.descend(start, nameSpan.end + 1) : undefined;
    const command = around?.type === 'command' ? around : this.path.parent(name);
    return command?.type === 'command' ? { nameSpan, command } : undefined;
  }

  /**
   * Calls `visit` for each string literal or bare word (in code, not in comments) in which `pattern` matches, once,
   * with its first match. A loop of `exec`, where `matchAll` and a generator made two more objects per match.
   */
  private forEachLiteralMatching(pattern: RegExp, visit: (literal: Literal, match: RegExpExecArray) => void): void {
    // Literals a descent made are told apart by where they start; kept ones carry a mark (literals do not overlap, and a
    // kept one is the only literal that starts where it does).
    const seen = new Set<number>();
    const scanId = ++this.scans;
    const scan = new RegExp(pattern.source, pattern.flags);
    for (let match = scan.exec(this.text); match; match = scan.exec(this.text)) {
      if (match[0] === '') scan.lastIndex++;
      const literal = this.literalAround(match.index);
      if (!literal) continue;
      if (literal.kept) {
        if (literal.scan === scanId) continue;
        literal.scan = scanId;
      } else {
        if (seen.has(literal.start)) continue;
        seen.add(literal.start);
      }
      visit(literal, match);
    }
  }

  /** How many scans `forEachLiteralMatching` has begun (see `Literal.scan`). */
  private scans = 0;

  /** A literal's value as an argument: a kept argument's is kept on it. */
  private literalValueIn(literal: Literal): Value {
    return literal.kept === 'argument' && literal.value ? literal.value : this.valueIn(literal, 'argument');
  }

  /**
   * Strings that name a registrations / customerSubscriptions segment anywhere in code, but for an argument whose path
   * a cmdlet's request listed (`commands`): the same path, which no rule needs twice.
   */
  private registrationStrings(commands: CmdletFacts): void {
    this.forEachLiteralMatching(registrationWords, (literal) => {
      if (literal.kept === 'argument' && literal.value && commands.listedPathOf(literal.value)) return;
      const path = registrationPathInString(this.literalValueIn(literal));
      if (path) this.facts.resourceIds.push(readResourceId(path));
    });
  }

  /**
   * Placeholders in strings that reach a command (directly, or through a variable or a splatted hashtable), and
   * unquoted ones such as `-ComputerName <computer name>` that PowerShell splits into several bare words.
   */
  private placeholders(): void {
    this.forEachLiteralMatching(placeholderCandidates, (literal, match) => {
      const value = this.literalValueIn(literal);
      // A kept argument's own value is a cmdlet's, listed with the cmdlet's facts already: no rule needs it twice.
      const listed = literal.kept === 'argument' && value === literal.value;
      // A bare word without one may start a placeholder that PowerShell splits into more words (`<ERCS VM>`).
      const splitWord = literal.type === 'generic_token' && match.index === literal.start;
      if (listed && !splitWord) return;
      let found: Value | undefined;
      if (this.holdsPlaceholder(value.text)) found = listed ? undefined : value;
      else if (splitWord) found = writtenValue(match[0], match.index);
      if (found && (found === value || this.holdsPlaceholder(found.text)) && this.literalReachesCommand(literal)) this.facts.values.push(found);
    });
  }

  private readonly placeholderTexts = new Map<string, boolean>();

  /**
   * Whether a value's text holds a placeholder, worked out once per distinct text: a pasted sample has thousands of
   * literals and a few texts, and each new text runs every placeholder pattern over it.
   */
  private holdsPlaceholder(text: string): boolean {
    let holds = this.placeholderTexts.get(text);
    if (holds === undefined) {
      holds = findPlaceholder(text) !== undefined;
      this.placeholderTexts.set(text, holds);
    }
    return holds;
  }

  private suppressions(): void {
    for (const match of this.text.matchAll(/azs-disable/gi)) {
      const comment = this.path.descend(match.index);
      if (comment?.type !== 'comment' || this.isHereStringLine(comment)) continue;
      this.lines ??= new LineMap(this.text);
      const suppression = suppressionIn(this.text.slice(comment.startIndex, comment.endIndex), this.lines.lineOf(comment.endIndex));
      if (suppression) this.facts.suppressions.push(suppression);
    }
  }

  /** The string literal or bare word (command argument) that contains `offset`, if any. */
  private literalAround(offset: number): Literal | undefined {
    // A plain argument's literal is what a descent finds (its node is the argument's: only expression wrappers lie
    // between the two), without the descent and the step up, each a call into the wasm module.
    const argument = this.plainArgumentAt(offset);
    const argumentLiteral = argument && literalOf(argument);
    if (argumentLiteral && !argumentLiteral.expanding) return argumentLiteral;
    if (argument && !argument.node) return argument.expanding && !this.inStringVariable(argument, offset) ? argumentLiteral : undefined;
    // Likewise a string assigned on its own (no step up from the string's characters to the string).
    const assigned = argument ? undefined : this.assignedStrings.at(offset);
    if (assigned) return assigned;
    // A cmdlet's name (`Set-AzsRegistration` holds a registration word) is a command name to a descent.
    if (!argument && this.lexedNames.at(offset)) return undefined;
    // From the argument's node, a descent finds what one from the root finds, without looking through the thousands
    // of statements of a long script one by one (as tree-sitter looks through a node's children).
    let node = argument?.node ? argument.node.descendantForIndex(offset) : this.path.descend(offset);
    if (!node) return undefined;
    let type = node.type; // each read is a call into the wasm module
    // Not in one of its variables: the string is the argument's literal (no step up to it).
    if (argument?.expanding && type === 'expandable_string_literal') return argumentLiteral;
    const hereString = type === 'comment' ? this.path.parent(node) : undefined;
    if (hereString?.type === 'expandable_here_string_literal') {
      node = hereString;
      type = 'expandable_here_string_literal';
    }
    if (type === 'generic_token') return this.literal(node, type);
    const literal = stringTypes.has(type) ? this.path.parent(node) : undefined;
    return literal?.type === 'string_literal' ? this.literal(literal, 'string_literal') : undefined;
  }

  /**
   * An argument's place (see `argumentPlaces`); `word`: it is a bare word (`generic_token`). In a command without syntax
   * errors, a bare word or a quoted string that holds no variable, escape or inner quote is one node of the tree,
   * and an argument without a brace or parenthesis holds no statements: `plainArgumentAt` finds either by offset.
   */
  private noteArgument(span: Span, node: Node | undefined, word: boolean, { clean }: Arguments): PlainArgument | undefined {
    const string = clean && !word ? quotedString(this.code, span) : undefined;
    const literalType: Literal['type'] | undefined = !clean ? undefined : word ? 'generic_token' : string && 'string_literal';
    // A literal argument is the only literal a look-up in it finds, and it says itself that it is an argument's.
    if (!literalType) this.argumentPlaces.set(span.start, span.end);
    if (!clean || (!literalType && (holdsChar(this.code, span, '{') || holdsChar(this.code, span, '(')))) return undefined;
    // Objects of one shape, written out (spreading optional fields costs more than the rest of this function).
    const argument: PlainArgument = {
      start: span.start, end: span.end, node, type: literalType, expanding: string === 'expanding', variables: undefined, kept: 'argument', scan: 0, value: undefined,
    };
    this.plainArguments.add(argument);
    return argument;
  }

  /** The value of an argument written at `span`, kept on it where it is a literal (see `Literal.value`). */
  private argumentValue(span: Span, argument: PlainArgument | undefined, mode: Mode): Value {
    if (argument?.type === undefined) return this.valueIn(span, mode);
    if (!argument.value) {
      const plain = argument.type === 'string_literal' ? !argument.expanding : !argument.node;
      argument.value = !plain ? this.computeValue(span, mode) : argument.type === 'string_literal' ? this.plainStringValue(span) : this.lexedWordValue(span);
    }
    return argument.value;
  }

  /**
   * The value of a bare word `lexCommandElements` read (letters, digits and `_-./\:<>=`; in the text, a dash may be a
   * typographic one): the word itself, as `computeValue` reads it, unless a `<` or `>` in it makes it one PowerShell
   * reads otherwise (a redirection), which is not known.
   */
  private lexedWordValue(span: Span): Value {
    for (let i = span.start; i < span.end; i++) {
      const char = this.text.charCodeAt(i);
      if (char === 0x3c || char === 0x3e) return unknownValueAt(span.start, span.end);
    }
    return writtenValue(this.cuts.slice(span.start, span.end), span.start);
  }

  /**
   * The value of a quoted string with nothing in it to decode (`quotedString` says `plain` of the code): the text between
   * its quotes, as `decodeString` reads it, without its reader's objects. Decoded as before where the text itself holds
   * more than the code shows: a quote right after it (its closing quote is then an escaped one to the decoder) or, in
   * double quotes, a backtick (one before blanks at a line's end is blanks in the code, a lost line continuation).
   */
  private plainStringValue(span: Span): Value {
    const after = this.text[span.end];
    const escapes = (after !== undefined && (singleQuotes.includes(after) || doubleQuotes.includes(after)))
      || (this.code.charCodeAt(span.start) === 0x22 && holdsChar(this.text, span, '`'));
    if (escapes) return this.computeValue(span, 'argument');
    if (span.end - span.start === 2) return valueOf([], span);
    return writtenValue(this.cuts.slice(span.start + 1, span.end - 1), span.start + 1);
  }

  /**
   * Whether `offset` lies in a variable of an expanding string read from the text: its variables are read once, as a
   * long string may hold many places to ask about.
   */
  private inStringVariable(argument: PlainArgument, offset: number): boolean {
    const variables = (argument.variables ??= stringVariables(this.code, argument));
    const variable = variables[startingBy(variables, offset) - 1];
    return variable !== undefined && offset < variable.end;
  }

  /**
   * The plain argument (see `noteArgument`) that holds `offset`: a dense script asks for thousands, and each descent
   * and step up the tree is a call into the wasm module. Plain arguments do not overlap: each is one node or holds
   * no command.
   */
  private plainArgumentAt(offset: number): PlainArgument | undefined {
    return this.plainArguments.at(offset);
  }

  private literal(node: Node, type: Literal['type']): Literal {
    const { start, end } = this.extent(node);
    return { start, end, node, type, kept: undefined, scan: 0, value: undefined };
  }

  /** The grammar reads a line of an expandable here-string that starts with `#` as a comment; PowerShell, as text. */
  private isHereStringLine(node: Node): boolean {
    return node.type === 'comment' && this.path.parent(node)?.type === 'expandable_here_string_literal';
  }

  /**
   * `reachesCommand`, without stepping up the tree where the literal is written exactly as an acting known cmdlet's
   * argument (or a value of a hashtable written there), or as the whole right-hand side of an assignment already
   * read: only expression wrappers lie between the two. A dense script has thousands of such literals, and each step
   * up the tree is a walk down from its root inside the wasm module.
   */
  private literalReachesCommand(literal: Literal): boolean {
    if (literal.kept === 'argument' || this.argumentPlaces.get(literal.start) === literal.end) return true;
    const assigned = this.assignedPlaces.get(literal.start);
    if (assigned?.rhs.end === literal.end) {
      // An assignment read from a line of the text ends with its right-hand side.
      return assigned.variable ? this.variableReachesCommand(assigned.variable, assigned.rhs.end) : this.assignedVariableReachesCommand(assigned.assignment ?? null);
    }
    // Without a node, the literal is an argument read from its command's text.
    return !literal.node || this.reachesCommand(literal.node);
  }

  /** True when the literal is an argument of a command that acts (not one that only prints), directly or via a variable. */
  private reachesCommand(literal: Node): boolean {
    const { path } = this;
    for (let level = path.place(literal), depth = 0; level >= 0 && depth < 40; depth++, level--) {
      const type = path.type(level);
      if (type === 'command') return this.actingCommand(path.node(level));
      if (type === 'assignment_expression') return this.assignedVariableReachesCommand(path.node(level));
      // A parameter's default (`param([string] $RegistrationName = '<name>')`) reaches the commands that use it.
      if (type === 'script_parameter_default') return this.assignedVariableReachesCommand(level > 0 ? path.node(level - 1) : null);
      if (type === 'statement_list' || type === 'comment') return false;
    }
    return false;
  }

  private actingCommand(command: Node): boolean {
    const name = command.firstNamedChild;
    return name?.type === 'command_name' && !displayCommand.test(this.slice(name));
  }

  /** An assignment (`$name = …`) or a script parameter (`[type] $name = …`): whether a command after it uses `$name`. */
  private assignedVariableReachesCommand(assignment: Node | null): boolean {
    const left = assignment?.type === 'script_parameter' ? assignment.namedChildren.find((child) => child?.type === 'variable') : assignment?.firstNamedChild;
    return left ? this.variableReachesCommand(this.extent(left), assignment?.endIndex ?? 0) : false;
  }

  /** Whether an acting command after `after` uses the variable written at `variable` (`$name`, `$scope:name`). */
  private variableReachesCommand(variable: Span, after: number): boolean {
    const name = writtenVariable.exec(this.text.slice(variable.start, variable.end))?.[1];
    if (!name) return false;
    const uses = this.variableUses().get(name.toLowerCase()) ?? [];
    for (let i = firstAtOrAfter(uses, after), count = 0; i < uses.length && count < 20; i++, count++) {
      if (this.useReachesCommand(uses[i])) return true;
    }
    return false;
  }

  /** What `useReachesCommand` answered, by the use's offset. */
  private readonly usesReaching = new Map<number, boolean>();

  /**
   * Whether the walk up from a variable's use meets an acting command before a statement list: worked out once per use,
   * as each assignment before it may ask (in a script nested hundreds deep, each assignment asks about the next twenty).
   */
  private useReachesCommand(use: number): boolean {
    let reaches = this.usesReaching.get(use);
    if (reaches === undefined) {
      // In a plain argument, the walk up meets the acting command before any statement list.
      reaches = this.plainArgumentAt(use) !== undefined || this.actingCommandAbove(use);
      this.usesReaching.set(use, reaches);
    }
    return reaches;
  }

  /** Whether the walk up from what a descent to `offset` finds meets an acting command before a statement list. */
  private actingCommandAbove(offset: number): boolean {
    const { path } = this;
    for (let level = path.to(offset) - 1, depth = 0; level >= 0 && depth < 40; depth++, level--) {
      const type = path.type(level);
      if (type === 'statement_list') return false;
      if (type === 'command' && this.actingCommand(path.node(level))) return true;
    }
    return false;
  }

  private uses: Map<string, number[]> | undefined;

  /** Where each variable is written `$name`, `$scope:name` or `@name`, by lower-case name: one scan of the text for all. */
  private variableUses(): Map<string, number[]> {
    if (this.uses) return this.uses;
    const uses = new Map<string, number[]>();
    const { text } = this;
    // What `/[$@](?:\w+:)?(\w+)/g` matches, read without a match object per use (a dense script has thousands).
    for (let at = nextSigil(text, 0); at >= 0;) {
      let start = at + 1;
      let end = wordCharactersEnd(text, start);
      if (end > start && text.charCodeAt(end) === 0x3a && wordCharactersEnd(text, end + 1) > end + 1) {
        start = end + 1;
        end = wordCharactersEnd(text, start);
      }
      if (end === start) {
        at = nextSigil(text, at + 1);
        continue;
      }
      const name = this.cuts.lowerCaseSlice(start, end);
      const offsets = uses.get(name);
      if (offsets) offsets.push(at);
      else uses.set(name, [at]);
      at = nextSigil(text, end);
    }
    this.uses = uses;
    return uses;
  }

  // ---- commands ----------------------------------------------------------------------------------------------

  /** The cmdlet use of a command the tree found. */
  private commandOf(nameSpan: Span, command: Node): CmdletUse {
    const span = this.withoutTrailingBlanks(this.extent(command));
    // Without syntax errors in the command, text and tree agree on where each of its nodes starts. In a tree without
    // any, no node has one (a call into the wasm module per command spared).
    const clean = this.isErrorFree() || !command.hasError;
    const elements: CommandElement[] = (clean ? lexCommandElements(this.code, nameSpan.end, span.end) : undefined) ?? this.elementsOf(command, clean);
    return this.cmdlet(nameSpan, span, elements, clean);
  }

  /** `clean`: the command has no syntax error in it. */
  private cmdlet(nameSpan: Span, span: Span, elements: readonly CommandElement[], clean: boolean): CmdletUse {
    const name = this.cuts.slice(nameSpan.start, nameSpan.end);
    // Gathered in lists reused for every command, then copied to their length: a list of its own would reserve
    // seventeen slots at its first `push`, and a dense script keeps thousands.
    const { parameters, positional } = this.gathered;
    let parameterCount = 0;
    let positionalCount = 0;
    let unresolvedSplat = false;
    let pending: ParameterUse | undefined;
    let colon = false;
    const among: Arguments | undefined = displayCommand.test(name) ? undefined : { clean };
    for (const element of elements) {
      if (element.kind === 'colon') {
        colon = true;
        continue;
      }
      const { start, end } = element;
      if (element.kind === 'parameter') {
        colon = this.text[end - 1] === ':' && end - 1 > start;
        pending = new WrittenParameter(this.cuts.slice(start + 1, colon ? end - 1 : end), start, end);
        parameters[parameterCount++] = pending;
        continue;
      }
      const span = { start, end };
      // A splat is never a parameter's value: PowerShell binds what it holds by name or position.
      const splat = isSplat(this.text, span);
      const argument = among && !splat ? this.noteArgument(span, element.node, element.kind === 'word', among) : undefined;
      if (splat) {
        const entries = this.splatEntries(span);
        if (entries) for (const entry of entries) parameters[parameterCount++] = entry;
        else unresolvedSplat = true;
      } else if (pending && (colon || !isSwitch(pending.name))) {
        pending.value = this.argumentValue(span, argument, 'argument');
        const entries = this.hashtableIn(span, among, !element.node);
        if (entries) pending.entries = entries;
      } else {
        positional[positionalCount++] = this.argumentValue(span, argument, 'argument');
      }
      pending = undefined;
      colon = false;
    }
    return {
      name, nameSpan, span, parameters: parameters.slice(0, parameterCount), positional: positionalCount > 0 ? positional.slice(0, positionalCount) : [], unresolvedSplat,
    };
  }

  /** The lists `cmdlet` gathers a command's parameters and positional values in (their items past the count are stale). */
  private readonly gathered: { parameters: ParameterUse[]; positional: Value[] } = { parameters: [], positional: [] };

  /**
   * A command's elements as the tree has them, where `lexCommandElements` does not read its text: separators without a
   * colon and redirections left out.
   */
  private elementsOf(command: Node, clean: boolean): CommandElement[] {
    const last = command.lastNamedChild;
    const elements: CommandElement[] = [];
    for (const element of last?.type === 'command_elements' ? last.namedChildren : []) {
      if (!element) continue;
      // Without syntax errors, only a separator of blanks starts with one: half the elements, whose type and end
      // (two calls into the wasm module) then go unread.
      if (clean && this.code.charCodeAt(element.startIndex) === 0x20) continue;
      const type = element.type; // each read is a call into the wasm module
      const span = this.extent(element);
      if (type === 'command_argument_sep') {
        if (holdsChar(this.text, span, ':')) elements.push({ ...span, kind: 'colon' });
      } else if (!type.includes('redirection')) {
        elements.push({ ...span, kind: type === 'command_parameter' ? 'parameter' : type === 'generic_token' ? 'word' : 'value', node: element });
      }
    }
    return elements;
  }

  /** The entries of the hashtable a splat written at `span` passes, where the file shows it. */
  private splatEntries(span: Span): ParameterUse[] | undefined {
    return this.variableHashtable(this.text.slice(span.start + 1, span.end), span.start);
  }

  /**
   * The entries of a hashtable written at `span` (`@{ … }`) or held by the variable written there; `among`: the
   * span is an argument of an acting known cmdlet (see `argumentPlaces`); `fromText`: `lexCommandElements` read it
   * (then its entries may be read from the text as well).
   */
  private hashtableIn(span: Span, among: Arguments | undefined, fromText: boolean): ParameterUse[] | undefined {
    // Only `@{…}` and `$name` are looked at: anything else is ruled out without copying its text.
    const first = this.text.charCodeAt(span.start);
    if (first !== 0x40 && first !== 0x24) return undefined;
    const written = this.text.slice(span.start, span.end);
    if (written.startsWith('@{')) {
      const lexed = fromText ? lexHashtableEntries(this.code, span) : undefined;
      return lexed ? lexed.map(({ key, value }) => this.entry(key, value, undefined, among)) : this.hashtableEntries(span.start, among);
    }
    const variable = exactVariable.exec(written);
    return variable ? this.variableHashtable(variable[1], span.start) : undefined;
  }

  /** `among`: the hashtable is written among an acting known cmdlet's arguments (see `argumentPlaces`). */
  private hashtableEntries(start: number, among?: Arguments): ParameterUse[] | undefined {
    const hash = this.nodeOpenedAt(start, start + 3);
    if (hash?.type !== 'hash_literal_expression') return undefined;
    const entries: ParameterUse[] = [];
    const body = hash.namedChildren.find((child) => child?.type === 'hash_literal_body');
    for (const entry of body?.namedChildren ?? []) {
      if (entry?.type !== 'hash_entry') continue;
      const key = entry.firstNamedChild;
      const valueNode = entry.lastNamedChild;
      if (!key || !valueNode || key.equals(valueNode)) continue;
      entries.push(this.entry(this.extent(key), this.extent(valueNode), valueNode, among));
    }
    return entries;
  }

  /** A hashtable's entry; `valueNode` is undefined where the entry was read from the text. */
  private entry(keySpan: Span, valueSpan: Span, valueNode: Node | undefined, among: Arguments | undefined): ParameterUse {
    const argument = among ? this.noteArgument(valueSpan, valueNode, false, among) : undefined;
    // Not passed on: a nested hashtable's values lie deeper than `reachesCommand` looks.
    const nested = this.text.startsWith('@{', valueSpan.start) ? this.hashtableEntries(valueSpan.start) : undefined;
    return {
      name: this.text.slice(keySpan.start, keySpan.end).replace(/^['"\u2018-\u201E]|['"\u2018-\u201E]$/g, ''), nameSpan: keySpan,
      value: this.argumentValue(valueSpan, argument, 'expression'), ...(nested ? { entries: nested } : {}),
    };
  }

  // ---- values ------------------------------------------------------------------------------------------------

  /**
   * Where a node is written, without leading blanks. After a syntax error, tree-sitter may or may not count the line
   * break and indentation before a token as part of it (a here-string, a hashtable key), depending on what an earlier
   * parse left: an incremental parse and a fresh one would read different text.
   */
  private extent(node: Node): Span {
    const end = node.endIndex; // a call into the wasm module: read once
    let start = node.startIndex;
    while (start < end && isBlank(this.code.charCodeAt(start))) start++;
    return { start, end };
  }

  /** A command's node ends after the blank before a `|` or `;` that follows it; PowerShell's command does not. */
  private withoutTrailingBlanks(span: Span): Span {
    let end = span.end;
    while (end > span.start && isBlank(this.code.charCodeAt(end - 1))) end--;
    return { start: span.start, end };
  }

  private slice(node: Node): string {
    const { start, end } = this.extent(node);
    return this.text.slice(start, end);
  }

  /** The value of the expression or argument written at `span`. */
  private valueIn(span: Span, mode: Mode): Value {
    // Keyed by a number, cheaper than a composed string; the end tells nested expressions apart. The mode only
    // matters for bare words, so a string or a variable is worked out once whichever way it is reached.
    const bare = mode === 'argument' && !`'"$@\u2018\u2019\u201A\u201B\u201C\u201D\u201E`.includes(this.text[span.start]);
    const key = span.start * 2 + (bare ? 1 : 0);
    const cached = this.values.get(key);
    if (cached?.end === span.end) return cached.value;
    const value = this.computeValue(span, mode);
    this.values.set(key, { end: span.end, value });
    return value;
  }

  private computeValue(span: Span, mode: Mode): Value {
    const written = this.text.slice(span.start, span.end);
    const decoded = decodeString(this.text, span.start, span.end, this);
    if (decoded) {
      if (decoded.end !== span.end) return unknownValueAt(span.start, span.end); // 'a' + 'b' and the like
      const inner = written.startsWith('@') ? span : { start: span.start + 1, end: span.end - 1 };
      return isWrittenAt(decoded.segments, inner) ? writtenValue(decoded.segments[0].text, inner.start) : valueOf(decoded.segments, inner.end > inner.start ? inner : span);
    }
    if (written.startsWith('$') && variableEnd(this.text, span.start) === span.end) {
      if (constantVariable.test(written)) return writtenValue(written, span.start);
      const assigned = this.variable(span.start, span.end);
      // The assigned value's text as it is (its segments are merged already): one string for every use of it.
      return assigned ? { text: assigned.text, segments: valueReferencedAt(assigned, span), span } : valueOf([{ text: UNKNOWN, via: span }], span);
    }
    const bare = mode === 'argument' ? plainBareWord : plainNumber;
    if (bare.test(written)) return writtenValue(written, span.start);
    if (mode === 'argument' && expandableBareWord.test(written)) return valueOf(decodeBareWord(this.text, span.start, span.end, this), span);
    return unknownValueAt(span.start, span.end);
  }

  /** The reader's `Interpolate`. */
  interpolate(at: number): { segments: Segment[]; end: number } {
    if (this.text[at + 1] === '(') {
      const expression = this.nodeOpenedAt(at, at + 3);
      const end = expression?.type === 'sub_expression' ? expression.endIndex : closingParenthesis(this.text, at + 1);
      return { segments: [{ text: UNKNOWN, via: { start: at, end } }], end };
    }
    const end = variableEnd(this.text, at);
    const assigned = this.variable(at, end);
    const via = { start: at, end };
    return { segments: assigned ? valueReferencedAt(assigned, via) : referencedAt([{ text: UNKNOWN }], via), end };
  }

  /**
   * The node the token at `start` opens (`@{`, `$(`, the keyword of `function name`): the token's parent, when it starts
   * there. In a tree without syntax errors, the smallest node that spans the token and what follows it up to `end` (a
   * character after `@{` or `$(`, the name after `function`), found by one descent instead of a descent to the token and
   * a step up from it (see `isErrorFree`).
   */
  private nodeOpenedAt(start: number, end: number): Node | null | undefined {
    if (!this.isErrorFree()) {
      const token = this.path.descend(start);
      return token && this.path.parent(token);
    }
    const node = this.path.descend(start, end);
    return node?.startIndex === start ? node : undefined;
  }

  /**
   * The variable written from `at` to `end` (`$script:Name`, `${Name}`) → `name`; undefined for automatic and
   * environment variables, whose values come from run time.
   */
  private variableName(at: number, end: number): string | undefined {
    const { text } = this;
    // Only a brace or a colon asks for more than the name as written (most variables have neither): the rest are
    // shared cuts, whose look-ups by name need no hash worked out again.
    if (text.charCodeAt(at + 1) !== 0x7b && !holdsChar(text, { start: at + 1, end }, ':')) {
      const written = this.cuts.slice(at + 1, end);
      let name = this.plainVariableNames.get(written);
      if (name === undefined) {
        name = automaticVariable.test(written) ? null : this.cuts.lowerCaseSlice(at + 1, end);
        this.plainVariableNames.set(written, name);
      }
      return name ?? undefined;
    }
    const braced = /^\$\{(.*)\}$/.exec(text.slice(at, end));
    const name = (braced ? braced[1] : text.slice(at + 1, end)).replace(/^(?:script|global|local|private|using):/i, '');
    if (/^(?:env|variable|function):/i.test(name)) return undefined;
    return automaticVariable.test(name) ? undefined : name.toLowerCase();
  }

  /**
   * The name of each variable written without a brace or colon, by how it is written (null: an automatic variable),
   * worked out once: a pasted sample uses a few variables thousands of times.
   */
  private readonly plainVariableNames = new Map<string, string | null>();

  /** The value of the variable written from `at` to `end`, when a simple assignment before it gives it (not UNKNOWN). */
  private variable(at: number, end: number): Value | undefined {
    const name = this.variableName(at, end);
    if (!name || this.resolving.includes(name)) return undefined;
    const binding = this.bindingFor(name, at);
    if (!binding?.simple) return undefined;
    this.resolving.push(name);
    try {
      const value = this.valueIn(binding.simple.rhs, 'expression');
      return value.text === UNKNOWN ? undefined : value;
    } finally {
      this.resolving.pop();
    }
  }

  private variableHashtable(name: string, at: number): ParameterUse[] | undefined {
    const binding = this.bindingFor(name.toLowerCase(), at);
    return binding?.simple && this.text.startsWith('@{', binding.simple.rhs.start) ? this.hashtableEntries(binding.simple.rhs.start) : undefined;
  }

  /**
   * The assignment whose value a use at `at` sees, when the file makes that certain. Assignments in the use's own
   * function count (or, when it has none, the script's own). Of those, the nearest one before the use when all are
   * statements of the function or script itself; the only one when some are inside blocks (if, loops). Loop
   * variables, parameters and compound assignments (`+=`) make the value unknown.
   */
  private bindingFor(name: string, at: number): Binding | undefined {
    const byScope = this.bindingsOf(name);
    if (byScope.size === 0) return undefined;
    const scope = this.scopeAt(at);
    const visible = byScope.get(scope) ?? (scope >= 0 ? byScope.get(-1) : undefined);
    if (!visible) return undefined;
    const kind = this.assignmentsKind(visible);
    if (kind === 'no') return undefined;
    const { list } = visible;
    if (list.length === 1) return (list[0].simple?.rhs.end ?? list[0].at) <= at ? list[0] : undefined;
    return kind === 'topLevel' ? lastBefore(list, at) : undefined;
  }

  /**
   * What `bindingFor` asks of a list of bindings, worked out once per list (a variable used at every line would
   * otherwise walk all its assignments at every use): 'no' when one is not simple, 'topLevel' when all are simple
   * statements of their function or script, 'simple' otherwise.
   */
  private assignmentsKind(visible: ScopeBindings): AssignmentsKind {
    const { list } = visible;
    visible.kind ??= list.some((b) => !b.simple) ? 'no' : list.length > 1 && list.every((b) => b.simple && this.isTopLevel(b.simple)) ? 'topLevel' : 'simple';
    return visible.kind;
  }

  /** Only asked when a function or script assigns a variable more than once. */
  private isTopLevel(simple: SimpleAssignment): boolean {
    if (simple.topLevel === undefined) {
      const { path } = this;
      const body = simple.assignment ? path.place(simple.assignment) - 3 : -1;
      const bodyType = body >= 0 ? path.type(body) : undefined;
      simple.topLevel = bodyType === 'program' || (bodyType === 'script_block_body' && body >= 2 && path.type(body - 2) === 'function_statement');
    }
    return simple.topLevel;
  }

  /** The start of the innermost function around `offset`, or -1 in the script itself. */
  private scopeAt(offset: number): number {
    const spans = (this.functionSpans ??= this.findFunctions());
    const innermost = (this.functionNesting ??= new NestedSpans(spans)).innermost(offset);
    return innermost >= 0 ? spans[innermost].start : -1;
  }

  private findFunctions(): Span[] {
    const spans: Span[] = [];
    for (const match of this.code.matchAll(/\b(?:function|filter|workflow)\s+[\w-]+/gi)) {
      const definition = this.nodeOpenedAt(match.index, match.index + match[0].length);
      if (definition?.type === 'function_statement') spans.push({ start: definition.startIndex, end: definition.endIndex });
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  /** A variable's bindings, grouped by the function they are in (-1: the script itself). */
  private bindingsOf(name: string): Map<number, ScopeBindings> {
    let found = this.bindings.get(name);
    if (found) return found;
    found = new Map();
    for (const site of this.sites().get(name) ?? []) {
      const binding = this.bindingAt(site);
      if (!binding) continue;
      const scope = found.get(binding.scope);
      if (scope) scope.list.push(binding);
      else found.set(binding.scope, { list: [binding], kind: undefined });
    }
    this.bindings.set(name, found);
    return found;
  }

  /**
   * Every `$name =`, `$name +=` (with where its operator ends) and `foreach ($name`, by lower-case name; found
   * once per document.
   */
  private sites(): Map<string, Site[]> {
    if (this.bindingSites) return this.bindingSites;
    const sites = new Map<string, Site[]>();
    const pattern = /\$(?:(?:script|global|local|private):)?(\w+)\s*(?:[-+*/%]|\?\?)?=(?!=)|\bforeach\s*\(\s*\$(\w+)/gi;
    for (let match = pattern.exec(this.code); match; match = pattern.exec(this.code)) {
      const name = (match[1] ?? match[2]).toLowerCase();
      const site = match[1] ? { at: match.index, operator: match.index + match[0].length - 1 } : { at: match.index + match[0].lastIndexOf('$') };
      const list = sites.get(name);
      if (list) list.push(site);
      else sites.set(name, [site]);
    }
    this.bindingSites = sites;
    return sites;
  }

  /**
   * What the tree says about a would-be binding site: a simple assignment, another binding (loop variable,
   * parameter default, compound assignment), or nothing (the text is in a string or a comment). The tree is asked
   * at the operator, which is a few steps from the assignment instead of a dozen from the variable.
   */
  private bindingAt(site: Site): Binding | undefined {
    const { at } = site;
    const scope = this.scopeAt(at);
    const lexed = site.operator === undefined ? undefined : this.leadingLines()?.assignment(site.operator);
    if (lexed?.variable.start === at) return this.lexedBinding(lexed, scope);
    if (site.operator === undefined) {
      const { path } = this;
      const length = path.to(at);
      return length >= 2 && path.type(length - 1) === 'variable' && path.type(length - 2) === 'foreach_statement' ? { at, scope } : undefined;
    }
    const errorFree = this.assignmentAt(site.operator);
    const { holder, assignment } = errorFree ?? this.operatorParents(site.operator);
    if (holder?.type === 'script_parameter_default') return { at, scope };
    if (holder?.type !== 'assignement_operator' || assignment?.type !== 'assignment_expression' || assignment.startIndex > at) return undefined;
    const rhs = assignment.lastNamedChild;
    // The operator node spans its one token: `+=` and the like are compound.
    if (!rhs || this.slice(holder) !== '=') return { at, scope };
    const simple: SimpleAssignment = { rhs: this.extent(rhs), assignment, variable: undefined };
    this.assignedPlaces.set(simple.rhs.start, simple);
    if (errorFree && quotedString(this.code, simple.rhs) === 'plain') this.assignedStrings.add(assignedString(simple.rhs, rhs));
    return { at, scope, simple };
  }

  /** A binding read from a line of the text (`LeadingLines`): a statement of the script itself. */
  private lexedBinding({ variable, rhs }: LexedAssignment, scope: number): Binding {
    const simple: SimpleAssignment = { rhs, assignment: undefined, variable, topLevel: true };
    this.assignedPlaces.set(rhs.start, simple);
    if (quotedString(this.code, rhs) === 'plain') this.assignedStrings.add(assignedString(rhs, undefined));
    return { at: variable.start, scope, simple };
  }

  /**
   * The assignment whose operator ends with the character at `at`, and its operator node: the smallest node that spans
   * that character and the one after it, and its second named child. One descent and one child, where the operator
   * token's parent and grandparent are two steps up (see `isErrorFree`). Undefined where that is no assignment (then
   * `operatorParents` says what the operator is in) or the assignment has a syntax error (an empty node the parser put
   * before the operator would be what a descent to it finds).
   */
  private assignmentAt(at: number): OperatorParents | undefined {
    const around = this.path.descend(at, at + 2);
    if (around?.type !== 'assignment_expression' || (!this.isErrorFree() && around.hasError)) return undefined;
    const holder = around.namedChild(1);
    return holder?.type === 'assignement_operator' && holder.startIndex <= at && at < holder.endIndex ? { holder, assignment: around } : undefined;
  }

  /** The parent and grandparent of the token at `at`. */
  private operatorParents(at: number): Partial<OperatorParents> {
    const { path } = this;
    const length = path.to(at);
    return { holder: length >= 2 ? path.node(length - 2) : undefined, assignment: length >= 3 ? path.node(length - 3) : undefined };
  }
}

/** Where an operator token is written: the node that holds it (an assignment's operator node) and that node's parent. */
interface OperatorParents {
  holder: Node;
  assignment: Node;
}

/**
 * Spans that do not overlap, found by an offset inside them. They are added nearly in the order of the text (commands
 * are read in that order, nested ones after the command around them) and sorted when next looked up.
 */
class DisjointSpans<T extends Span> {
  private readonly spans: T[] = [];
  /** Where each span starts, in a list of numbers: a look-up reads no span but the one it finds. */
  private readonly starts: number[] = [];
  private sorted = true;
  /** How many spans start at or before the offset last looked up: the scans look up offsets in the order of the text. */
  private last = 0;

  add(span: T): void {
    const { starts } = this;
    this.sorted &&= starts.length === 0 || starts[starts.length - 1] < span.start;
    this.spans.push(span);
    starts.push(span.start);
  }

  /** The span that holds `offset`. */
  at(offset: number): T | undefined {
    if (!this.sorted) {
      this.spans.sort((a, b) => a.start - b.start);
      for (let i = 0; i < this.spans.length; i++) this.starts[i] = this.spans[i].start;
      this.sorted = true;
    }
    this.last = this.startingBy(offset);
    const span = this.spans[this.last - 1];
    return span && offset < span.end ? span : undefined;
  }

  /**
   * How many spans start at or before `offset`: a few steps on from the last look-up's answer where the offset is a
   * little further on, else a binary search (offsets are whole numbers: those at or before `offset` are those before
   * `offset + 1`).
   */
  private startingBy(offset: number): number {
    const { starts } = this;
    let count = Math.min(this.last, starts.length);
    if (count === 0 || starts[count - 1] <= offset) {
      // No more steps than a binary search takes: a look-up far on costs no more than before.
      for (let steps = 0; count < starts.length && starts[count] <= offset; count++) if (++steps > 16) return firstAtOrAfter(starts, offset + 1);
      return count;
    }
    return firstAtOrAfter(starts, offset + 1);
  }
}

/**
 * Where `knownCommand` matches, in order: the places a scan of the whole text would find. Each match is a verb of
 * letters after no word character or hyphen, a hyphen, and a noun of word characters, so it holds exactly one
 * hyphen, which `knownNounStarts` finds; the match can only start where the letters before that hyphen start.
 */
function knownCommandsWritten(text: string): Span[] {
  const written: Span[] = [];
  // `test` rather than `exec`: no match object per noun. A noun's start is its hyphen, the only one in the match.
  const nouns = new RegExp(knownNounStarts.source, knownNounStarts.flags);
  while (nouns.test(text)) {
    let start = text.lastIndexOf('-', nouns.lastIndex - 1);
    while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
    knownCommand.lastIndex = start;
    if (knownCommand.test(text)) written.push({ start, end: knownCommand.lastIndex });
  }
  return written;
}

const sigils = /[$@]/g;

/** Where the next `$` or `@` at or after `from` is, or -1. */
function nextSigil(text: string, from: number): number {
  sigils.lastIndex = from;
  return sigils.test(text) ? sigils.lastIndex - 1 : -1;
}

/** Where the word characters (`\w`) from `at` end. */
function wordCharactersEnd(text: string, at: number): number {
  let end = at;
  for (let char = text.charCodeAt(end); isAsciiLetter(char) || (char >= 0x30 && char <= 0x39) || char === 0x5f; char = text.charCodeAt(++end));
  return end;
}

/** Just after the parenthesis that closes the one at `open`, by counting (for a `$(…)` the tree does not show); else the end. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * What `span` of the code holds when it is one quoted string with no escape and no inner (doubled) quote: `plain`, one
 * node of the tree; `expanding`, a double-quoted string whose variables are nodes of their own (no sub-expression).
 */
function quotedString(code: string, span: Span): 'plain' | 'expanding' | undefined {
  const quote = code.charCodeAt(span.start);
  const single = quote === 0x27;
  if ((!single && quote !== 0x22) || span.end - span.start < 2 || code.charCodeAt(span.end - 1) !== quote) return undefined;
  let variables = false;
  for (let i = span.start + 1; i < span.end - 1; i++) {
    const char = code.charCodeAt(i);
    if (char === quote || (!single && (char === 0x60 || char === 0x28))) return undefined;
    variables ||= !single && char === 0x24;
  }
  return variables ? 'expanding' : 'plain';
}

/** Whether `segments` are one piece copied character for character from all of `span` (no variable brought it in). */
function isWrittenAt(segments: readonly Segment[], span: Span): boolean {
  const [only] = segments;
  return segments.length === 1 && only.at === span.start && only.via === undefined && only.text.length === span.end - span.start && span.end > span.start;
}

/** A string assigned on its own (see `assignedStrings`), with its node where it was read from the tree. */
function assignedString({ start, end }: Span, node: Node | undefined): Literal {
  return { start, end, node, type: 'string_literal', kept: 'assigned', scan: 0, value: undefined };
}

/** Space, tab, line breaks: what may come before a token that tree-sitter counts as part of it. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The plain argument as its literal, where it is one (see `PlainArgument.type`). */
function literalOf(argument: PlainArgument): (PlainArgument & Literal) | undefined {
  return argument.type === undefined ? undefined : (argument as PlainArgument & Literal);
}

/** Whether `char` is written within `span` of `source` (without copying the text out). */
function holdsChar(source: string, span: Span, char: string): boolean {
  for (let i = span.start; i < span.end; i++) if (source[i] === char) return true;
  return false;
}

/** Whether `span` of the text is `@name` (`@` and word characters). */
function isSplat(text: string, span: Span): boolean {
  if (text.charCodeAt(span.start) !== 0x40 || span.end - span.start < 2) return false;
  for (let i = span.start + 1; i < span.end; i++) {
    const char = text.charCodeAt(i);
    if (!isAsciiLetter(char) && !(char >= 0x30 && char <= 0x39) && char !== 0x5f) return false;
  }
  return true;
}

/**
 * The last of `bindings` (all simple statements of one function or script, so in the order of the text and their
 * right-hand sides ending in that order) whose right-hand side ends at or before `at`: a binary search.
 */
function lastBefore(bindings: readonly Binding[], at: number): Binding | undefined {
  let low = 0; // bindings before `low` end at or before `at`
  let high = bindings.length; // bindings from `high` on end after it
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((bindings[middle].simple?.rhs.end ?? bindings[middle].at) <= at) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? bindings[low - 1] : undefined;
}

/** Automatic variables, whose values come from run time. (Patterns used per value are made once: a literal makes a new object each time it is reached.) */
const automaticVariable = /^(?:_|\$|\?|\^|args|input|psitem|this|matches|true|false|null)$/i;
const constantVariable = /^\$(?:true|false|null)$/i;
/** A bare word as an argument: nothing in it that PowerShell expands or reads as an operator. */
const plainBareWord = /^[^\s'"`$@(){}[\];,|&<>\u2018-\u201E]+$/;
const plainNumber = /^-?\d+(?:\.\d+)?$/;
/** `$name` or `$scope:name` (with blanks after it, as a node may end): the name. */
const writtenVariable = /^\$(?:\w+:)?(\w+)\s*$/;
/** `$name` or `$scope:name`, exactly: the name. */
const exactVariable = /^\$(?:\w+:)?(\w+)$/;


/** How many of `spans` (sorted by start) start at or before `offset`. */
function startingBy(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
