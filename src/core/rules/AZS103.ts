import { isKnown, locate, type RegistrationRef } from '../facts';
import { defineRule } from './rule';
import { Declarations, differences, knownParts, refKeys, refParts, where, type IndexedDeclaration, type RefKeys, type RefPart } from './registrations';

const messageIds = { name: 'nameMismatch', resourceGroup: 'groupMismatch', subscriptionId: 'subscriptionMismatch' } as const;

/**
 * The declaration an operation most likely meant: the one that agrees with most of what the operation knows (a part
 * agrees when it is the same or the declaration does not know it), from the same file first, then the earliest. Every
 * declaration is filed once under each set of its parts, so that each operation looks up a few keys instead of
 * comparing itself with every declaration (thousands of each in a dense script).
 */
class Closest {
  /** By a set of parts and their values (or unknown): the first declaration of this file and of others. */
  private readonly filed = new Map<string, { here?: IndexedDeclaration; other?: IndexedDeclaration }>();
  private readonly positions = new Map<IndexedDeclaration, number>();

  constructor(candidates: readonly IndexedDeclaration[], private readonly uri: string) {
    candidates.forEach((candidate, position) => {
      this.positions.set(candidate, position);
      for (let mask = 0; mask < 1 << refParts.length; mask++) {
        const key = fileKey(mask, (part) => candidate.keys[part]);
        const entry = this.filed.get(key) ?? {};
        if (candidate.uri === uri) entry.here ??= candidate;
        else entry.other ??= candidate;
        this.filed.set(key, entry);
      }
    });
  }

  for(ref: RegistrationRef, keys: RefKeys): IndexedDeclaration | undefined {
    const known = knownParts(ref);
    const score = (c: IndexedDeclaration) => known.length - differences(keys, c.keys).length + (c.uri === this.uri ? 0.5 : 0);
    const position = (c: IndexedDeclaration) => this.positions.get(c) ?? Infinity;
    let best: IndexedDeclaration | undefined;
    const consider = (c: IndexedDeclaration | undefined) => {
      if (!c) return;
      if (!best || score(c) > score(best) || (score(c) === score(best) && position(c) < position(best))) best = c;
    };
    // Each set of the parts the operation knows, each part as it has it or unknown in the declaration.
    const knownMask = refParts.reduce((bits, part, i) => (keys[part] === undefined ? bits : bits | (1 << i)), 0);
    for (let mask = 0; mask < 1 << refParts.length; mask++) {
      if ((mask & knownMask) !== mask) continue;
      for (let unknowns = mask; ; unknowns = (unknowns - 1) & mask) {
        const entry = this.filed.get(fileKey(mask, (part, i) => ((unknowns & (1 << i)) !== 0 ? undefined : keys[part])));
        consider(entry?.here);
        consider(entry?.other);
        if (unknowns === 0) break;
      }
    }
    return best;
  }
}

/** An unambiguous key of the parts in `mask`: each value length-prefixed, an unknown one as `*`. */
function fileKey(mask: number, valueOf: (part: RefPart, index: number) => string | undefined): string {
  return refParts.map((part, i) => {
    if ((mask & (1 << i)) === 0) return '';
    const value = valueOf(part, i);
    return value === undefined ? '*' : `${value.length}:${value}`;
  }).join('|');
}

const notFound = {
  en: 'Azure would answer RegistrationNotFound unless that registration exists too.',
  sv: 'Azure skulle svara RegistrationNotFound om inte även den registreringen finns.',
};

export default defineRule({
  code: 'AZS103',
  name: 'registration-reference-mismatch',
  title: { en: 'Tenant request names another registration', sv: 'Klientanropet pekar på en annan registrering' },
  docs: {
    finds: {
      en: 'A request that adds, removes or reads customer subscriptions of a registration whose name, resource group or subscription differs from every registration the same file, or another file of the workspace, declares (Set-AzsRegistration, Register-AzsEnvironment, an ARM registration resource, a saved GET response).',
      sv: 'Ett anrop som lägger till, tar bort eller läser kundprenumerationer i en registrering vars namn, resursgrupp eller prenumeration skiljer sig från varje registrering som samma fil, eller en annan fil i arbetsytan, deklarerar (Set-AzsRegistration, Register-AzsEnvironment, en ARM-resurs för registreringen, ett sparat GET-svar).',
    },
    matters: {
      en: 'A tenant request aimed at a registration that does not exist fails with RegistrationNotFound; the usual cause is a resource group or name copied from another script (Set-AzsRegistration uses the resource group azurestack unless told otherwise).',
      sv: 'Ett klientanrop riktat mot en registrering som inte finns misslyckas med RegistrationNotFound; den vanliga orsaken är en resursgrupp eller ett namn som kopierats från ett annat skript (Set-AzsRegistration använder resursgruppen azurestack om inget annat anges).',
    },
  },
  defaultSeverity: 'warning',
  azureError: 'RegistrationNotFound',
  messages: {
    nameMismatch: {
      en: `This request targets registration '{used}', but the registration declared {where} is '{declared}'. ${notFound.en}`,
      sv: `Anropet riktar sig mot registreringen '{used}', men registreringen som deklareras {where} heter '{declared}'. ${notFound.sv}`,
    },
    groupMismatch: {
      en: `This request targets resource group '{used}', but the registration declared {where} is in '{declared}'. ${notFound.en}`,
      sv: `Anropet riktar sig mot resursgruppen '{used}', men registreringen som deklareras {where} finns i '{declared}'. ${notFound.sv}`,
    },
    subscriptionMismatch: {
      en: `This request targets subscription '{used}', but the registration declared {where} is in '{declared}'. ${notFound.en}`,
      sv: `Anropet riktar sig mot prenumerationen '{used}', men registreringen som deklareras {where} finns i '{declared}'. ${notFound.sv}`,
    },
    declaredHere: { en: 'The registration is declared here.', sv: 'Registreringen deklareras här.' },
  },
  check(context) {
    const declarations = new Declarations(context);
    // Only a request that matches no declaration needs them all (to name the closest one).
    let closest: Closest | undefined;
    return context.facts.tenantOperations.flatMap((operation) => {
      const ref = operation.registration;
      if (knownParts(ref).length === 0 || declarations.hasCompatible(ref)) return [];
      closest ??= new Closest(declarations.all().filter((c) => knownParts(c.declaration.ref).length > 0), context.uri);
      const keys = refKeys(ref);
      const target = closest.for(ref, keys);
      if (!target) return [];
      const part: RefPart = differences(keys, target.keys)[0];
      const used = ref[part];
      const declared = target.declaration.ref[part];
      if (!isKnown(used) || !isKnown(declared)) return [];
      return [{
        messageId: messageIds[part],
        values: { used: used.text, declared: declared.text, where: where(target.uri, context.uri) },
        // Where the name is written (perhaps in a variable's assignment): the quick fix replaces those characters.
        span: locate(used, 0, used.text.length),
        related: [{ uri: target.uri, span: declared.span, messageId: 'declaredHere' }],
        data: { replacement: declared.text },
      }];
    });
  },
});
