// Which cloud a script's calls on registrations go to. Az cmdlets (and Invoke-AzRestMethod -Path) go to the session's
// active environment, which Connect-AzAccount -Environment (and its aliases and AzureRM twins) and Select-AzContext
// set; Invoke-RestMethod goes to the host its URL names. The statements are followed in order: an environment set in
// a branch, in a loop after the call, in a function (whose caller is unknown) or by a command we cannot read makes it
// unknown, and a call whose destination is unknown is left out.
import { isKnown, type CloudCall, type CmdletUse } from '../facts';
import { LineMap, type Span } from '../text';
import { parameter } from './cmdlets';
import { destinationOfHost, destinationOfName, hostOf, registrationTarget, type Destination } from './clouds';
import { firstAtOrAfter, type TreePath } from './treePath';

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

/**
 * A block around a switch (`statement_block` or `script_block`): where it is written, whether it may run more than once
 * (a loop body, a ForEach-Object block), and the start of the function around it (-1: none). Blocks nest, so the
 * blocks around a place are those around the innermost one, and a place is in a block when it lies within its span.
 */
interface SwitchBlock extends Span {
  repeating: boolean;
  functionStart: number;
}

interface Switch {
  at: number;
  /** The innermost block around it: a call runs whenever the switch does when it lies in this block too. */
  block: SwitchBlock | undefined;
  /** The start of the function around it, or -1. */
  functionStart: number;
  span: Span;
  destination: Destination;
  target: string;
}

/** Where a call sits, as far as the switches can tell it apart. */
interface CallPlace {
  at: number;
  functionStart: number;
  /** The outermost block of switches around it that may run more than once. */
  loop: SwitchBlock | undefined;
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

  /** The blocks around the switches, each once, by where they start and their kind (see `switchAt`). */
  private readonly switchBlocks = new Map<number, SwitchBlock>();

  /** `functionAt`: the start of the innermost function around an offset, or -1. */
  constructor(
    private readonly text: string,
    private readonly path: TreePath,
    private readonly cmdlets: readonly CmdletUse[],
    private readonly functionAt: (offset: number) => number,
  ) {}

  calls(): CloudCall[] {
    for (const cmdlet of this.cmdlets) this.readEnvironment(cmdlet);
    const walk = new SwitchWalk(this.switches, this.switchingFunctionCalls());
    const blocks = new BlocksAround([...this.switchBlocks.values()]);
    return this.cmdlets.flatMap((cmdlet) => {
      const call = this.call(cmdlet, walk, blocks);
      return call ? [call] : [];
    });
  }

  /**
   * A switch with where it sits: the blocks and the function around its command (the parent of what a descent to its
   * name finds), read from the path up the tree. The walk up stops at a block already read for an earlier switch: the
   * blocks around that one were read with it (a script nested hundreds deep has a switch at each level).
   */
  private switchAt(cmdlet: CmdletUse, destination: Destination, target: string): Switch {
    const { path } = this;
    const command = path.to(cmdlet.nameSpan.start) - 2;
    const found: Switch = { at: command >= 0 ? path.node(command).startIndex : cmdlet.nameSpan.start, block: undefined, functionStart: -1, span: cmdlet.nameSpan, destination, target };
    if (command < 0) return found;
    // The switch and the blocks read on this walk whose function is not known yet: the next function up is theirs.
    let switchWaits = true;
    const waiting: SwitchBlock[] = [];
    const settle = (functionStart: number) => {
      if (switchWaits) found.functionStart = functionStart;
      for (const block of waiting) block.functionStart = functionStart;
      switchWaits = false;
      waiting.length = 0;
    };
    for (let level = command - 1; level >= 0; level--) {
      const type = path.type(level);
      if (type === 'function_statement') settle(path.node(level).startIndex);
      if (type !== 'statement_block' && type !== 'script_block') continue;
      const key = path.node(level).startIndex * 2 + (type === 'script_block' ? 1 : 0);
      const known = this.switchBlocks.get(key);
      found.block ??= known;
      if (known) {
        settle(known.functionStart);
        return found;
      }
      const block: SwitchBlock = { start: path.node(level).startIndex, end: path.end(level), repeating: this.isRepeating(level), functionStart: -1 };
      this.switchBlocks.set(key, block);
      found.block ??= block;
      waiting.push(block);
    }
    settle(-1);
    return found;
  }

  /** Whether the block at `level` of the path may run more than once: a loop's body, or a `{ … }` given to ForEach-Object and the like. */
  private isRepeating(level: number): boolean {
    const { path } = this;
    if (path.type(level) === 'statement_block') return level > 0 && loops.has(path.type(level - 1));
    for (let up = level - 1, depth = 0; up >= 0 && depth < 6; up--, depth++) {
      if (path.type(up) === 'command') return inlineBlockCommands.test(path.node(up).firstNamedChild?.text.trim() ?? '');
    }
    return false;
  }

  /**
   * A call's place as far as the switches can tell it apart: the blocks of switches around it, and its function.
   * Only a block around a switch can make a switch's environment not certain at the call.
   */
  private placeOfCall(cmdlet: CmdletUse, blocks: BlocksAround): CallPlace {
    const at = cmdlet.span.start;
    return { at, functionStart: this.functionAt(at), loop: blocks.outermostRepeatingAt(at) };
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
    if (destination) this.switches.push(this.switchAt(cmdlet, destination, target));
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
    const { path } = this;
    const starts = new Set(this.switches.filter((s) => s.functionStart >= 0).map((s) => s.functionStart));
    const names = [...new Set([...starts].map((start) => {
      const length = path.to(start);
      const statement = path.type(length - 1) === 'function_statement' ? length - 1 : length - 2;
      const name = statement >= 0 && path.type(statement) === 'function_statement' ? path.node(statement).namedChildren.find((c) => c?.type === 'function_name')?.text : undefined;
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
  /** Where the switches are, in order: a call in a loop body before one in it may run after it. */
  private readonly switchStarts: number[];

  constructor(private readonly switches: readonly Switch[], private readonly functionCalls: readonly number[]) {
    this.switchStarts = switches.map((s) => s.at).sort((a, b) => a - b);
  }

  /**
   * The switch whose environment is active at `place` when the file makes that certain: the last one before it that
   * runs whenever the call runs (in the same block or one around it, in the same function), with no switch after the
   * call in a loop around both, and no call of a function that switches in between. Places come in the text's order.
   */
  activeAt(place: CallPlace): Switch | undefined {
    for (; this.next < this.switches.length && this.switches[this.next].at < place.at; this.next++) {
      const s = this.switches[this.next];
      if (s.functionStart < 0) this.lastInScript = s;
      else this.lastInFunction.set(s.functionStart, s);
    }
    const inFunction = place.functionStart < 0 ? undefined : this.lastInFunction.get(place.functionStart);
    const last = inFunction && (!this.lastInScript || inFunction.at > this.lastInScript.at) ? inFunction : this.lastInScript;
    // The blocks around the switch are around the call when the innermost of them is.
    if (!last || last.functionStart !== place.functionStart || (last.block && !(last.block.start <= place.at && place.at < last.block.end))) return undefined;
    // A switch later in the outermost loop around the call is a switch later in any loop around it.
    if (place.loop && anyBetween(this.switchStarts, place.at, place.loop.end)) return undefined;
    return anyBetween(this.functionCalls, last.at, place.at) ? undefined : last;
  }
}

/** Whether any of the sorted `offsets` (whole numbers) lies after `from` and before `to`. */
function anyBetween(offsets: readonly number[], from: number, to: number): boolean {
  const next = firstAtOrAfter(offsets, from + 1);
  return next < offsets.length && offsets[next] < to;
}

/**
 * The outermost repeating block (of switches) around offsets asked for in the order of the text, found in time linear in
 * the number of blocks.
 */
class BlocksAround {
  private readonly byStart: SwitchBlock[];
  private next = 0;
  /** The blocks around the last offset, outermost first: tree nodes nest, so they form a stack. */
  private readonly open: SwitchBlock[] = [];
  /** For each of `open`, the outermost repeating block of it and those before it. */
  private readonly outermostRepeating: (SwitchBlock | undefined)[] = [];
  private last = -1;

  constructor(blocks: readonly SwitchBlock[]) {
    this.byStart = [...blocks].sort((a, b) => a.start - b.start || b.end - a.end);
  }

  outermostRepeatingAt(offset: number): SwitchBlock | undefined {
    if (offset < this.last) {
      this.next = 0;
      this.open.length = 0;
    }
    this.last = offset;
    for (; this.next < this.byStart.length && this.byStart[this.next].start <= offset; this.next++) {
      const block = this.byStart[this.next];
      this.closeBefore(block.start);
      const depth = this.open.push(block) - 1;
      this.outermostRepeating[depth] = (depth > 0 ? this.outermostRepeating[depth - 1] : undefined) ?? (block.repeating ? block : undefined);
    }
    this.closeBefore(offset);
    return this.open.length > 0 ? this.outermostRepeating[this.open.length - 1] : undefined;
  }

  private closeBefore(offset: number): void {
    while (this.open.length > 0 && this.open[this.open.length - 1].end <= offset) this.open.pop();
  }
}
