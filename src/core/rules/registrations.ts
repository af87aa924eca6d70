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
const refParts: readonly RefPart[] = ['name', 'resourceGroup', 'subscriptionId'];

function same(a: Value, b: Value): boolean {
  return a.text.trim().toLowerCase() === b.text.trim().toLowerCase();
}

function differ(a: RegistrationRef, b: RegistrationRef, part: RefPart): boolean {
  const x = a[part];
  const y = b[part];
  return isKnown(x) && isKnown(y) && !same(x, y);
}

/** The parts both name, fully known, that differ. */
export function differences(a: RegistrationRef, b: RegistrationRef): RefPart[] {
  return refParts.filter((part) => differ(a, b, part));
}

/** True when nothing both name, fully known, differs. */
function agree(a: RegistrationRef, b: RegistrationRef): boolean {
  return !differ(a, b, 'name') && !differ(a, b, 'resourceGroup') && !differ(a, b, 'subscriptionId');
}

export function knownParts(ref: RegistrationRef): RefPart[] {
  return refParts.filter((part) => isKnown(ref[part]));
}

const nameKey = (value: Value | undefined) => (isKnown(value) ? value.text.trim().toLowerCase() : undefined);

/**
 * Every declaration of the file and of the other documents, indexed by registration name: a template with thousands
 * of tenant resources and hundreds of registrations must not compare each with each.
 */
export class Declarations {
  readonly all: Candidate[];
  private readonly byName = new Map<string, Candidate[]>();
  private readonly nameless: Candidate[] = [];

  constructor(private readonly context: RuleContext) {
    this.all = [...context.facts.registrations.map((declaration) => ({ uri: context.uri, declaration })), ...context.elsewhere];
    for (const candidate of this.all) {
      const key = nameKey(candidate.declaration.ref.name);
      if (key === undefined) this.nameless.push(candidate);
      else this.byName.set(key, [...(this.byName.get(key) ?? []), candidate]);
    }
  }

  /** Declarations nothing known in `ref` contradicts. */
  compatible(ref: RegistrationRef): Candidate[] {
    const key = nameKey(ref.name);
    const pools = key === undefined ? [this.all] : [this.byName.get(key) ?? [], this.nameless];
    const found: Candidate[] = [];
    for (const pool of pools) for (const c of pool) if (agree(ref, c.declaration.ref)) found.push(c);
    return found;
  }

  /** The declarations `operation` may mean: compatible ones from this file, and from others only when the names match. */
  for(operation: TenantOperation): Candidate[] {
    const named = nameKey(operation.registration.name) !== undefined;
    return this.compatible(operation.registration).filter(({ uri, declaration }) => uri === this.context.uri || (named && isKnown(declaration.ref.name)));
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
