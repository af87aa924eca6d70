// Which registration a tenant operation means, for the rules that compare them (AZS103, AZS301): a declaration in the
// same file counts when nothing known contradicts it; one in another file only when the registration names agree.
import { isKnown, type RegistrationDeclaration, type RegistrationRef, type TenantOperation, type Value } from '../facts';
import type { Localized } from '../l10n';
import type { RuleContext } from './rule';

export interface Candidate {
  uri: string;
  declaration: RegistrationDeclaration;
}

export type RefPart = keyof RegistrationRef;

/** Compared from the most to the least telling. */
export const refParts: readonly RefPart[] = ['name', 'resourceGroup', 'subscriptionId'];

export function knownParts(ref: RegistrationRef): RefPart[] {
  return refParts.filter((part) => isKnown(ref[part]));
}

/** Whether some part of the reference is known (without listing them). */
export function knowsAPart(ref: RegistrationRef): boolean {
  return isKnown(ref.name) || isKnown(ref.resourceGroup) || isKnown(ref.subscriptionId);
}

/** A registration name, resource group or subscription as Azure compares them: trimmed, case-insensitive. */
const normalised = (value: Value | undefined) => (isKnown(value) ? value.text.trim().toLowerCase() : undefined);

/** A reference's parts as compared (undefined: not fully known). */
export type RefKeys = Record<RefPart, string | undefined>;

export function refKeys(ref: RegistrationRef): RefKeys {
  return { name: normalised(ref.name), resourceGroup: normalised(ref.resourceGroup), subscriptionId: normalised(ref.subscriptionId) };
}

/** The parts both know that differ, from the most to the least telling. */
export function differences(a: RefKeys, b: RefKeys): RefPart[] {
  return refParts.filter((part) => a[part] !== undefined && b[part] !== undefined && a[part] !== b[part]);
}

/** A declaration with its reference parts normalised once. */
export interface IndexedDeclaration extends Candidate {
  /** Its place in the workspace's order of declarations. */
  position: number;
  keys: RefKeys;
}

/** Which parts a lookup compares, one bit per part of `refParts`. */
type PartMask = number;

const nameBit: PartMask = 1;

const inMask = (mask: PartMask, index: number) => (mask & (1 << index)) !== 0;

/** An unambiguous key of the parts in `mask` (each length-prefixed, the unknown ones as `?`), in one document or all. */
function lookupKey(mask: PartMask, parts: readonly (string | undefined)[], uri?: string): string {
  let key = uri === undefined ? '' : `${uri.length}:${uri}`;
  parts.forEach((part, i) => {
    if (inMask(mask, i)) key += part === undefined ? '|?' : `|${part.length}:${part}`;
  });
  return key;
}

/** Where to look: one document's declarations only, or only those whose name is known. */
interface Scope {
  declaredIn?: string;
  named?: boolean;
}

/**
 * Every declaration of the workspace (or of one document), built once per change of its declarations and looked up by
 * key: thousands of tenant operations against hundreds of declarations must not compare each with each. For the set
 * of parts a reference knows, each declaration is filed under its values of those parts (or "unknown"), in the whole
 * workspace or in its document, so the declarations a reference does not contradict are a few lookups away. Each such
 * filing is made when first asked for: most references know the same parts.
 */
export class RegistrationIndex {
  readonly all: readonly IndexedDeclaration[];
  private readonly byUri = new Map<string, IndexedDeclaration[]>();
  /** By parts compared (and `@` when by document too): the declarations under each key. */
  private readonly filings = new Map<string, Map<string, IndexedDeclaration[]>>();

  constructor(declarations: Iterable<Candidate>) {
    const all: IndexedDeclaration[] = [];
    for (const { uri, declaration } of declarations) {
      const entry = { uri, declaration, position: all.length, keys: refKeys(declaration.ref) };
      all.push(entry);
      append(this.byUri, uri, entry);
    }
    this.all = all;
  }

  declaredIn(uri: string): readonly IndexedDeclaration[] {
    return this.byUri.get(uri) ?? [];
  }

  /** Declarations in `scope` that nothing known in `ref` contradicts, in declaration order. */
  compatible(ref: RegistrationRef, scope: Scope = {}): IndexedDeclaration[] {
    const { filing, keys } = this.lookups(ref, scope);
    return keys.flatMap((key) => filing.get(key) ?? []).sort((a, b) => a.position - b.position);
  }

  /** True when some declaration agrees with everything known in `ref`. */
  hasCompatible(ref: RegistrationRef): boolean {
    const { filing, keys } = this.lookups(ref, {});
    return keys.some((key) => filing.has(key));
  }

  /**
   * The filing and keys under which the declarations compatible with `ref` are: each part `ref` knows as it has it,
   * or unknown (but a name as `ref` has it when `scope.named`).
   */
  private lookups(ref: RegistrationRef, scope: Scope): { filing: Map<string, IndexedDeclaration[]>; keys: string[] } {
    const known = refKeys(ref);
    const parts = refParts.map((part) => known[part]);
    const mask = parts.reduce((bits: number, part, i) => (part === undefined ? bits : bits | (1 << i)), 0);
    const mayBeUnknown = scope.named ? mask & ~nameBit : mask;
    const keys: string[] = [];
    for (let unknown = mayBeUnknown; ; unknown = (unknown - 1) & mayBeUnknown) {
      keys.push(lookupKey(mask, parts.map((part, i) => (inMask(unknown, i) ? undefined : part)), scope.declaredIn));
      if (unknown === 0) return { filing: this.filing(mask, scope.declaredIn !== undefined), keys };
    }
  }

  private filing(mask: PartMask, byDocument: boolean): Map<string, IndexedDeclaration[]> {
    const name = `${mask}${byDocument ? '@' : ''}`;
    let filing = this.filings.get(name);
    if (!filing) {
      filing = new Map();
      let previous: IndexedDeclaration | undefined;
      let key = '';
      for (const entry of this.all) {
        // Declarations in a row written alike (a pasted sample) share a key: building and hashing one for each of a dense
        // script's thousands was most of the filing.
        if (!previous || !sameKeys(previous, entry, byDocument)) key = lookupKey(mask, refParts.map((part) => entry.keys[part]), byDocument ? entry.uri : undefined);
        append(filing, key, entry);
        previous = entry;
      }
      this.filings.set(name, filing);
    }
    return filing;
  }
}

/** Whether two declarations are filed under one key: the same parts (and document, when filed by document). */
function sameKeys(a: IndexedDeclaration, b: IndexedDeclaration, byDocument: boolean): boolean {
  return a.keys.name === b.keys.name && a.keys.resourceGroup === b.keys.resourceGroup && a.keys.subscriptionId === b.keys.subscriptionId
    && (!byDocument || a.uri === b.uri);
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * Results by the way a reference writes its parts (a part's text also says whether it is known: a literal '$rg' is
 * not the variable $rg), looked up through one map per part, without building a key or a closure: a template asks
 * for each of its thousands of tenants.
 */
export class ByRef<T> {
  private readonly byName = new Map<string | undefined, Map<string | undefined, Map<string | undefined, T>>>();
  /**
   * The last reference asked for, as written, and its result: operations on one registration mostly come one after
   * another (a template's tenants of a registration), and comparing their texts costs less than the three look-ups.
   */
  private last: { name: string | undefined; group: string | undefined; subscription: string | undefined; value: T } | undefined;

  constructor(private readonly compute: (ref: RegistrationRef) => T) {}

  /** What `compute` gives for `ref`, worked out once per way of writing it. */
  get(ref: RegistrationRef): T {
    const name = ref.name?.text;
    const group = ref.resourceGroup?.text;
    const subscription = ref.subscriptionId?.text;
    const last = this.last;
    if (last && last.name === name && last.group === group && last.subscription === subscription) return last.value;
    let byGroup = this.byName.get(name);
    if (!byGroup) this.byName.set(name, byGroup = new Map<string | undefined, Map<string | undefined, T>>());
    let bySubscription = byGroup.get(group);
    if (!bySubscription) byGroup.set(group, bySubscription = new Map<string | undefined, T>());
    let value: T;
    if (bySubscription.has(subscription)) value = bySubscription.get(subscription) as T;
    else bySubscription.set(subscription, value = this.compute(ref));
    this.last = { name, group, subscription, value };
    return value;
  }
}

/**
 * The declarations as one document sees them: its own first (a reader looks there first), then the other documents'.
 */
export class Declarations {
  private readonly index: RegistrationIndex;
  private readonly uri: string;
  /** What `for` and `hasCompatible` found, by the reference's text. */
  private readonly meant = new ByRef((ref) => this.lookUp(ref));
  private readonly matched = new ByRef((ref) => this.index.hasCompatible(ref));

  constructor(context: RuleContext) {
    this.index = context.registrations;
    this.uri = context.uri;
  }

  /** Every declaration, this document's first. */
  all(): IndexedDeclaration[] {
    return [...this.index.declaredIn(this.uri), ...this.index.all.filter((c) => c.uri !== this.uri)];
  }

  /** True when some declaration, here or elsewhere, agrees with everything known in `ref`. */
  hasCompatible(ref: RegistrationRef): boolean {
    return this.matched.get(ref);
  }

  /** True when a declaration of this document agrees with everything known in `ref`. */
  hasCompatibleHere(ref: RegistrationRef): boolean {
    return this.index.compatible(ref, { declaredIn: this.uri }).length > 0;
  }

  /**
   * The declarations `operation` may mean: compatible ones from this file, and from others only when the names match;
   * for a named operation those of the same name come first, this document's before the others'. Operations that name
   * the same registration, written alike, get the same array: a template adds many tenants to one registration.
   */
  for(operation: TenantOperation): readonly IndexedDeclaration[] {
    return this.meant.get(operation.registration);
  }

  private lookUp(ref: RegistrationRef): IndexedDeclaration[] {
    const here = this.index.compatible(ref, { declaredIn: this.uri });
    if (!isKnown(ref.name)) return here;
    const sameName = this.index.compatible(ref, { named: true });
    return [
      ...sameName.filter((c) => c.uri === this.uri), ...sameName.filter((c) => c.uri !== this.uri),
      ...here.filter((c) => c.keys.name === undefined),
    ];
  }
}

/** "in this file" or "in <file name>", for messages about a declaration. */
export function where(declaredIn: string, uri: string): Localized {
  if (declaredIn === uri) return { en: 'in this file', sv: 'i den här filen' };
  const encoded = declaredIn.slice(declaredIn.lastIndexOf('/') + 1);
  let name = encoded;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    // not percent-encoded after all: show it as it is
  }
  return { en: `in ${name}`, sv: `i ${name}` };
}
