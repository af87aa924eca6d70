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

function same(a: Value, b: Value): boolean {
  return a.text.trim().toLowerCase() === b.text.trim().toLowerCase();
}

/** The parts both name, fully known, that differ. */
export function differences(a: RegistrationRef, b: RegistrationRef): RefPart[] {
  return refParts.filter((part) => {
    const x = a[part];
    const y = b[part];
    return isKnown(x) && isKnown(y) && !same(x, y);
  });
}

export function knownParts(ref: RegistrationRef): RefPart[] {
  return refParts.filter((part) => isKnown(ref[part]));
}

/** Every declaration of the file and of the other documents. */
export function allDeclarations(context: RuleContext): Candidate[] {
  return [...context.facts.registrations.map((declaration) => ({ uri: context.uri, declaration })), ...context.elsewhere];
}

/** The declarations `operation` may mean: compatible ones from this file, and from others only when the names match. */
export function declarationsFor(context: RuleContext, operation: TenantOperation): Candidate[] {
  return allDeclarations(context).filter(({ uri, declaration }) => {
    if (differences(operation.registration, declaration.ref).length > 0) return false;
    if (uri === context.uri) return true;
    const { name } = operation.registration;
    return isKnown(name) && isKnown(declaration.ref.name) && same(name, declaration.ref.name);
  });
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
