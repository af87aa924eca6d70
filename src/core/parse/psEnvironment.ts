// Which cloud a script's calls on registrations go to. Az cmdlets (and Invoke-AzRestMethod -Path) go to the session's
// active environment, which Connect-AzAccount -Environment (and its aliases and AzureRM twins) and Select-AzContext
// set; Invoke-RestMethod goes to the host its URL names. The statements are followed in order: an environment set in
// a branch, in a loop after the call, in a function (whose caller is unknown) or by a command we cannot read makes it
// unknown, and a call whose destination is unknown is left out.
import type { Node } from 'web-tree-sitter';
import { isKnown, type CloudCall, type CmdletUse } from '../facts';
import { LineMap, type Span } from '../text';
import { parameter } from './cmdlets';
import { destinationOfHost, destinationOfName, hostOf, registrationTarget, type Destination } from './clouds';

const signIns = /^(?:Connect|Add|Login)-Az(?:ureRm)?Account$/i;
const contextSelections = /^(?:Select|Set)-Az(?:ureRm)?Context$/i;
/** Commands after which the active environment cannot be told from the file. */
const contextResets = /^(?:Disconnect-Az(?:ureRm)?Account|Clear-Az(?:ureRm)?Context|Import-Az(?:ureRm)?Context|Remove-Az(?:ureRm)?Context)$/i;
const environmentAdditions = /^(?:Add|Set)-Az(?:ureRm)?Environment$/i;
/** The nouns of the four above: most commands are ruled out by one test (no verbs listed, so none to keep in step). */
const environmentNouns = /-Az(?:ureRm)?(?:Account|Context|Environment)$/i;
const resourceCmdlets = /^(?:New|Get|Set|Remove)-Az(?:ureRm)?Resource$/i;
const restCmdlets = /^(?:Invoke-RestMethod|Invoke-WebRequest)$/i;
const azRestCmdlet = /^Invoke-AzRestMethod$/i;
/** Commands whose script block runs at once, in the session, once per input. */
const inlineBlockCommands = /^(?:ForEach-Object|%|foreach|Where-Object|\?|where)$/i;
const loops = new Set(['foreach_statement', 'while_statement', 'for_statement', 'do_statement']);

/** Where a statement sits: the blocks around it (innermost first) and the function it is in. */
interface Place {
  at: number;
  /** Keys of the blocks around it: a statement runs whenever each of them runs. */
  blocks: number[];
  /** Keys of the blocks around it that may run more than once (loop bodies, ForEach-Object blocks). */
  repeating: number[];
  /** The start of the function around it, or -1. */
  functionStart: number;
}

interface Switch extends Place {
  span: Span;
  destination: Destination;
  target: string;
}

/** A block around a switch: `key` as in `Place.blocks`, and where the block is written. */
interface SwitchBlock extends Span {
  key: number;
  repeating: boolean;
}

/** The blocks around `node`, found by one walk up to the root. */
function placeOf(node: Node, blocksAround: SwitchBlock[]): Place {
  const place: Place = { at: node.startIndex, blocks: [], repeating: [], functionStart: -1 };
  for (let parent = node.parent; parent; parent = parent.parent) {
    const type = parent.type;
    if (type === 'function_statement' && place.functionStart < 0) place.functionStart = parent.startIndex;
    if (type !== 'statement_block' && type !== 'script_block') continue;
    const key = parent.startIndex * 2 + (type === 'script_block' ? 1 : 0);
    place.blocks.push(key);
    const repeating = (type === 'statement_block' && loops.has(parent.parent?.type ?? '')) || (type === 'script_block' && isInlineBlock(parent));
    if (repeating) place.repeating.push(key);
    blocksAround.push({ key, start: parent.startIndex, end: parent.endIndex, repeating });
  }
  return place;
}

/** A `{ … }` given to ForEach-Object and the like. */
function isInlineBlock(block: Node): boolean {
  let node = block.parent;
  for (let depth = 0; node && depth < 6; depth++, node = node.parent) {
    if (node.type === 'command') return inlineBlockCommands.test(node.firstNamedChild?.text.trim() ?? '');
  }
  return false;
}

export class EnvironmentFlow {
  /** Environment names the script registers (Add-AzEnvironment): custom clouds, which are stamps. */
  private readonly registered = new Set<string>();
  /** Hosts of the Resource Manager endpoints those environments name. */
  private readonly registeredHosts = new Set<string>();
  /** Context names given at sign-in (-ContextName), with where they sign in. */
  private readonly contexts = new Map<string, Destination>();
  private readonly switches: Switch[] = [];
  private lines: LineMap | undefined;

  /** The blocks around the switches, by where they start. */
  private readonly switchBlocks: SwitchBlock[] = [];

  /** `functionAt`: the start of the innermost function around an offset, or -1. */
  constructor(
    private readonly text: string,
    private readonly root: Node,
    private readonly cmdlets: readonly CmdletUse[],
    private readonly functionAt: (offset: number) => number,
  ) {}

  calls(): CloudCall[] {
    for (const cmdlet of this.cmdlets) this.readEnvironment(cmdlet);
    const walk = new SwitchWalk(this.switches, this.switchingFunctionCalls());
    const blocks = new BlocksAround(this.switchBlocks);
    return this.cmdlets.flatMap((cmdlet) => {
      const call = this.call(cmdlet, walk, blocks);
      return call ? [call] : [];
    });
  }

  private placeOfSwitch(cmdlet: CmdletUse): Place {
    const node = this.root.descendantForIndex(cmdlet.nameSpan.start)?.parent;
    return node ? placeOf(node, this.switchBlocks) : { at: cmdlet.nameSpan.start, blocks: [], repeating: [], functionStart: -1 };
  }

  /**
   * A call's place as far as the switches can tell it apart: the blocks of switches around it, and its function.
   * A place read from the tree costs a `parent` per level, each a walk down from the root (a dense script has
   * thousands of calls); only a block around a switch can make a switch's environment not certain at the call.
   */
  private placeOfCall(cmdlet: CmdletUse, blocks: BlocksAround): Place {
    const at = cmdlet.span.start;
    const around = blocks.at(at);
    return { at, blocks: around.map((b) => b.key), repeating: around.filter((b) => b.repeating).map((b) => b.key), functionStart: this.functionAt(at) };
  }

  /** Records what a command does to the active environment, in the order of the text. */
  private readEnvironment(cmdlet: CmdletUse): void {
    const name = cmdlet.name;
    if (!environmentNouns.test(name)) return;
    if (environmentAdditions.test(name)) {
      const environment = parameter(cmdlet, 'Name')?.value ?? cmdlet.positional[0];
      if (isKnown(environment)) this.registered.add(environment.text.toLowerCase());
      const endpoint = parameter(cmdlet, 'ARMEndpoint', 'ResourceManagerEndpoint', 'ResourceManagerUrl')?.value;
      const host = endpoint && hostOf(endpoint);
      if (host) this.registeredHosts.add(host);
      return;
    }
    let destination: Destination | undefined;
    let target = '';
    if (signIns.test(name)) {
      const environment = parameter(cmdlet, 'Environment', 'EnvironmentName');
      target = environment ? (isKnown(environment.value) ? environment.value.text : '?') : cmdlet.unresolvedSplat ? '?' : 'AzureCloud';
      destination = this.destinationOf(target);
      const context = parameter(cmdlet, 'ContextName')?.value;
      if (isKnown(context)) this.contexts.set(context.text.toLowerCase(), destination);
    } else if (contextSelections.test(name)) {
      const selected = parameter(cmdlet, 'Name', 'Context', 'InputObject')?.value ?? cmdlet.positional[0];
      // Set-AzContext -Subscription/-Tenant picks within the environment the session is in.
      if (!selected && !cmdlet.unresolvedSplat) return;
      target = isKnown(selected) ? selected.text : '?';
      destination = isKnown(selected) ? this.contexts.get(selected.text.toLowerCase()) ?? 'unknown' : 'unknown';
    } else if (contextResets.test(name)) {
      destination = 'unknown';
    }
    if (destination) this.switches.push({ ...this.placeOfSwitch(cmdlet), span: cmdlet.nameSpan, destination, target });
  }

  private destinationOf(environment: string): Destination {
    return destinationOfName(environment, this.registered);
  }

  /** A call on a registration, with where it goes; undefined when it is none or the file does not make that certain. */
  private call(cmdlet: CmdletUse, walk: SwitchWalk, blocks: BlocksAround): CloudCall | undefined {
    const name = cmdlet.name;
    const url = restCmdlets.test(name) || azRestCmdlet.test(name) ? parameter(cmdlet, 'Uri')?.value ?? (restCmdlets.test(name) ? cmdlet.positional[0] : undefined) : undefined;
    if (url) {
      if (!registrationTarget.test(url.text)) return undefined;
      const host = hostOf(url);
      if (!host) return undefined;
      const destination = destinationOfHost(host, this.registeredHosts);
      return destination && { span: url.span, destination, by: 'url', target: host };
    }
    // Without a switch the environment is never known: no need to place the call.
    if (this.switches.length === 0) return undefined;
    const followsEnvironment = resourceCmdlets.test(name) || azRestCmdlet.test(name);
    if (!followsEnvironment || !this.namesRegistration(cmdlet)) return undefined;
    const active = walk.activeAt(this.placeOfCall(cmdlet, blocks));
    if (!active || active.destination === 'unknown') return undefined;
    this.lines ??= new LineMap(this.text);
    return {
      span: cmdlet.nameSpan, destination: active.destination, by: 'environment', target: active.target,
      switchedAt: active.span, switchedLine: this.lines.lineOf(active.span.start) + 1,
    };
  }

  private namesRegistration(cmdlet: CmdletUse): boolean {
    const values = [...cmdlet.parameters.map((p) => p.value), ...cmdlet.positional];
    return values.some((value) => value !== undefined && registrationTarget.test(value.text));
  }

  /** Where the text names a function that switches the environment (its calls, as far as the text shows), in order. */
  private switchingFunctionCalls(): number[] {
    const names = [...new Set(this.switches.filter((s) => s.functionStart >= 0).map((s) => {
      const definition = this.root.descendantForIndex(s.functionStart);
      const statement = definition?.type === 'function_statement' ? definition : definition?.parent;
      const name = statement?.type === 'function_statement' ? statement.namedChildren.find((c) => c?.type === 'function_name')?.text : undefined;
      return name?.toLowerCase() ?? '';
    }).filter((name) => name !== ''))];
    if (names.length === 0) return [];
    const pattern = new RegExp(`(?<![\\w-])(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`, 'gi');
    return [...this.text.matchAll(pattern)].map((m) => m.index);
  }
}

/**
 * Follows the switches in the order of the text while the calls are visited in that order, so each call is answered
 * in constant time (a dense script has thousands of both).
 */
class SwitchWalk {
  private next = 0;
  private lastInScript: Switch | undefined;
  private readonly lastInFunction = new Map<number, Switch>();
  /** Per block, the last switch in it: a call in a loop body before it may run after it. */
  private readonly lastInBlock = new Map<number, number>();

  constructor(private readonly switches: readonly Switch[], private readonly functionCalls: readonly number[]) {
    for (const s of switches) for (const block of s.blocks) this.lastInBlock.set(block, Math.max(this.lastInBlock.get(block) ?? -1, s.at));
  }

  /**
   * The switch whose environment is active at `place` when the file makes that certain: the last one before it that
   * runs whenever the call runs (in the same block or one around it, in the same function), with no switch after the
   * call in a loop around both, and no call of a function that switches in between. Places come in the text's order.
   */
  activeAt(place: Place): Switch | undefined {
    for (; this.next < this.switches.length && this.switches[this.next].at < place.at; this.next++) {
      const s = this.switches[this.next];
      if (s.functionStart < 0) this.lastInScript = s;
      else this.lastInFunction.set(s.functionStart, s);
    }
    const inFunction = place.functionStart < 0 ? undefined : this.lastInFunction.get(place.functionStart);
    const last = inFunction && (!this.lastInScript || inFunction.at > this.lastInScript.at) ? inFunction : this.lastInScript;
    if (!last || last.functionStart !== place.functionStart || !last.blocks.every((b) => place.blocks.includes(b))) return undefined;
    if (place.repeating.some((loop) => (this.lastInBlock.get(loop) ?? -1) > place.at)) return undefined;
    return this.functionCalledBetween(last.at, place.at) ? undefined : last;
  }

  private functionCalledBetween(from: number, to: number): boolean {
    let low = 0;
    let high = this.functionCalls.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.functionCalls[middle] <= from) low = middle + 1;
      else high = middle;
    }
    return low < this.functionCalls.length && this.functionCalls[low] < to;
  }
}

/** The blocks (of switches) around offsets asked for in the order of the text, found in time linear in their number. */
class BlocksAround {
  private readonly byStart: SwitchBlock[];
  private next = 0;
  /** The blocks around the last offset, outermost first: tree nodes nest, so they form a stack. */
  private readonly open: SwitchBlock[] = [];
  private last = -1;

  constructor(blocks: readonly SwitchBlock[]) {
    const unique = new Map(blocks.map((b) => [b.key, b]));
    this.byStart = [...unique.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  }

  at(offset: number): readonly SwitchBlock[] {
    if (offset < this.last) {
      this.next = 0;
      this.open.length = 0;
    }
    this.last = offset;
    for (; this.next < this.byStart.length && this.byStart[this.next].start <= offset; this.next++) {
      this.closeBefore(this.byStart[this.next].start);
      this.open.push(this.byStart[this.next]);
    }
    this.closeBefore(offset);
    return this.open;
  }

  private closeBefore(offset: number): void {
    while (this.open.length > 0 && this.open[this.open.length - 1].end <= offset) this.open.pop();
  }
}
