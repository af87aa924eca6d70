// Which cloud a shell script's Azure CLI calls on registrations go to. `az resource` and `az rest` with a path go to
// the active cloud, which `az cloud set` chooses (a cloud `az cloud register` adds is a stamp's); `az rest` with a full
// URL goes to the host it names. Commands are followed in order, as PowerShell's are: a cloud chosen inside an `if`,
// a loop, a `{ … }` group or a function, by a function that chooses one, or by a sourced file makes it unknown from
// there, a call inside a function is left out (its caller is unknown), and so is any call whose cloud is unknown.
import type { CloudCall, Value } from '../facts';
import { LineMap, type Span } from '../text';
import { destinationOfHost, destinationOfName, hostOf, type Destination } from './clouds';

export interface ShellCommand {
  /** Each word's text, where it has no variable or unknown part. */
  words: (string | undefined)[];
  spans: Span[];
}

/** A request on a registration made by the command at `command` (an index into the commands). */
export interface ShellRegistrationCall {
  command: number;
  /** The `az rest` or `az resource …` words. */
  span: Span;
  /** The URL `az rest` was given. */
  url?: Value;
}

/** Words before a command that only open or continue a compound command. */
const prefixes = new Set(['then', 'do', 'else', 'elif', '!', 'if', 'while', 'until', '{']);
const openers = new Set(['if', 'for', 'while', 'until', 'case', 'select', '{']);
const closers = new Set(['fi', 'done', 'esac', '}']);

interface Region {
  /** The function the region defines, if it is one. */
  functionName?: string;
  /** True when a command in it may change the active cloud. */
  switches: boolean;
}

interface Active {
  destination: Destination;
  target: string;
  span?: Span;
}

/** The words of a command after its compound-command keywords, and where the first of them starts. */
function effective(command: ShellCommand): { words: (string | undefined)[]; spans: Span[] } {
  let skip = 0;
  while (skip < command.words.length - 1 && prefixes.has(command.words[skip] ?? '')) skip++;
  return skip === 0 ? command : { words: command.words.slice(skip), spans: command.spans.slice(skip) };
}

/** The value of `--name`/`-n` (also `--name=x`) among a command's words, and the index of the word that holds it. */
function nameOption(words: readonly (string | undefined)[]): { name: string | undefined; at: number } | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if ((word === '--name' || word === '-n') && i + 1 < words.length) return { name: words[i + 1], at: i + 1 };
    if (word?.startsWith('--name=')) return { name: word.slice('--name='.length), at: i };
  }
  return undefined;
}

function optionValue(words: readonly (string | undefined)[], option: string): string | undefined {
  const at = words.indexOf(option);
  if (at >= 0) return words[at + 1];
  return words.find((w) => w?.startsWith(`${option}=`))?.slice(option.length + 1);
}

export function shellCloudCalls(text: string, commands: readonly ShellCommand[], calls: readonly ShellRegistrationCall[]): CloudCall[] {
  return new ShellCloudFlow(text, commands).calls(calls);
}

class ShellCloudFlow {
  private readonly registered = new Set<string>();
  private readonly registeredHosts = new Set<string>();
  /** Per command, the index of the outermost compound command around it (-1 at the top level). */
  private readonly regionOf: number[] = [];
  private readonly regions: Region[] = [];
  /** Where each region starts: the command that opens it. */
  private readonly regionStarts = new Map<number, number>();
  private readonly switchingFunctions = new Set<string>();
  private lines: LineMap | undefined;

  constructor(private readonly text: string, private readonly commands: readonly ShellCommand[]) {
    this.readStructure();
  }

  /** One pass: compound commands at the top level, function definitions, clouds the script registers. */
  private readStructure(): void {
    let depth = 0;
    for (let i = 0; i < this.commands.length; i++) {
      const { words } = this.commands[i];
      if (closers.has(words[0] ?? '')) depth = Math.max(0, depth - 1);
      const opens = openers.has(words[0] ?? '') || words.at(-1) === '{';
      if (depth === 0 && opens) {
        this.regionStarts.set(i, this.regions.length);
        this.regions.push({ switches: false, ...this.functionDefined(i) });
      }
      const region = depth > 0 || opens ? this.regions.length - 1 : -1;
      this.regionOf.push(region);
      if (opens) depth++;
      const { words: command } = effective(this.commands[i]);
      if (command[0] === 'az' && command[1] === 'cloud' && command[2] === 'register') this.register(command);
      if (region >= 0 && this.mayChangeCloud(command)) this.markSwitching(this.regions[region]);
    }
  }

  /** A function is defined before it is called: once its body may change the cloud, so do its later calls. */
  private markSwitching(region: Region): void {
    region.switches = true;
    if (region.functionName) this.switchingFunctions.add(region.functionName);
  }

  /** `name() {`, `function name {` or `function name()` followed by `{`: the function the command at `i` opens. */
  private functionDefined(i: number): { functionName?: string } {
    const { words } = this.commands[i];
    if (words[0] === 'function' && words[1]) return { functionName: words[1] };
    if (words[0] !== '{' || i === 0) return {};
    const before = this.commands[i - 1].words;
    if (before[0] === 'function' && before[1]) return { functionName: before[1] };
    return before.length === 1 && before[0] && /^[\w.:-]+$/.test(before[0]) ? { functionName: before[0] } : {};
  }

  private register(words: readonly (string | undefined)[]): void {
    const name = nameOption(words)?.name;
    if (name) this.registered.add(name.toLowerCase());
    const endpoint = optionValue(words, '--endpoint-resource-manager');
    const host = endpoint && hostOf({ text: endpoint });
    if (host) this.registeredHosts.add(host);
  }

  private mayChangeCloud(words: readonly (string | undefined)[]): boolean {
    return (words[0] === 'az' && words[1] === 'cloud' && words[2] === 'set') || words[0] === 'source' || words[0] === '.' || this.switchingFunctions.has(words[0] ?? '');
  }

  calls(calls: readonly ShellRegistrationCall[]): CloudCall[] {
    const found: CloudCall[] = [];
    let active: Active = { destination: 'unknown', target: '' };
    let next = 0;
    for (let i = 0; i < this.commands.length; i++) {
      const region = this.regionOf[i];
      if (this.regionStarts.has(i) && this.regions[region].switches && !this.regions[region].functionName) active = { destination: 'unknown', target: '' };
      active = this.switched(i, active);
      for (; next < calls.length && calls[next].command <= i; next++) {
        const call = calls[next].command === i ? this.call(calls[next], region, active) : undefined;
        if (call) found.push(call);
      }
    }
    return found;
  }

  /** The active cloud after the command at `i`. */
  private switched(i: number, active: Active): Active {
    const { words, spans } = effective(this.commands[i]);
    const region = this.regionOf[i];
    if (!this.mayChangeCloud(words)) return active;
    if (region >= 0 && this.regions[region].functionName) return active; // runs only where the function is called
    const chosen = words[2] === 'set' ? nameOption(words) : undefined;
    if (region >= 0 || !chosen?.name) return { destination: 'unknown', target: '' };
    return { destination: destinationOfName(chosen.name, this.registered), target: chosen.name, span: { start: spans[0].start, end: spans[chosen.at].end } };
  }

  private call(call: ShellRegistrationCall, region: number, active: Active): CloudCall | undefined {
    if (call.url && !/^\s*\//.test(call.url.text)) {
      const host = hostOf(call.url);
      const destination = host && destinationOfHost(host, this.registeredHosts);
      return destination ? { span: call.url.span, destination, by: 'url', target: host } : undefined;
    }
    if ((region >= 0 && this.regions[region].functionName) || active.destination === 'unknown' || !active.span) return undefined;
    this.lines ??= new LineMap(this.text);
    return {
      span: call.span, destination: active.destination, by: 'cloud', target: active.target,
      switchedAt: active.span, switchedLine: this.lines.lineOf(active.span.start) + 1,
    };
  }
}
