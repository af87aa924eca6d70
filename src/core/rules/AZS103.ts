import { givenElsewhere, isKnown, locateWhole, locatesCopy, type FileFacts, type RegistrationLookup, type RegistrationRef } from '../facts';
import { holdsPlaceholder } from '../ids';
import { registrationParts } from '../parse/requests';
import { cloudIdLookupAt, replacementFix, replacementWhereWritten, type Replacement } from '../fixes';
import { ByRef, Declarations, differences, knownParts, knowsAPart, refKeys, refParts, where, type IndexedDeclaration, type RefKeys, type RefPart } from './registrations';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

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

/** A declaration that names a registration: some part known, and none a placeholder (`{ registrationName }` in a sample names none). */
function namesARegistration(candidate: IndexedDeclaration): boolean {
  // A counted loop without a list of the known parts: asked of each of a dense script's ≈ 1,600 declarations.
  const { ref } = candidate.declaration;
  let knowsOne = false;
  for (let i = 0; i < refParts.length; i++) {
    const value = ref[refParts[i]];
    if (!isKnown(value)) continue;
    if (holdsPlaceholder(value.text)) return false;
    knowsOne = true;
  }
  return knowsOne;
}

type LookupPart = 'resourceGroup' | 'name';

/** Each registration reference of the file that requests make, with its resource group and name, once per place. */
function requestedRefs(facts: FileFacts): RegistrationRef[] {
  const fromIds = facts.resourceIds.flatMap((id) => registrationParts(id)?.ref ?? []);
  return [...facts.tenantOperations.map((o) => o.registration), ...fromIds];
}

/** The part of `ref` a lookup left to run time but the reference writes as a fixed value, if any. */
function hardCodedPart(ref: RegistrationRef, lookup: RegistrationLookup): LookupPart | undefined {
  if (lookup.anyResourceGroup && isKnown(ref.resourceGroup)) return 'resourceGroup';
  return lookup.anyName && isKnown(ref.name) ? 'name' : undefined;
}

/**
 * References that write a fixed resource group or name for a registration the same file finds at run time in any
 * resource group or under any name: the registration found may not be the one addressed. A registration the file
 * itself declares there is the one it means.
 */
function hardCodedAfterLookup(facts: FileFacts, uri: string, declarations: Declarations, reported: Set<string>): Report<'lookupGroup' | 'lookupName' | 'lookupHere', Replacement>[] {
  const lookup = facts.registrationLookups[0];
  if (!lookup) return [];
  return requestedRefs(facts).flatMap((ref) => {
    const part = hardCodedPart(ref, lookup);
    const used = part && ref[part];
    if (!used || declarations.hasCompatibleHere(ref)) return [];
    const span = locateWhole(used);
    const key = `${span.start}:${span.end}`;
    if (reported.has(key)) return [];
    reported.add(key);
    return [{
      messageId: part === 'resourceGroup' ? 'lookupGroup' : 'lookupName', values: { used: used.text }, span,
      related: [{ uri, span: lookup.span, messageId: 'lookupHere' }],
    }];
  });
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
      en: 'A request that adds, removes or reads customer subscriptions of a registration whose name, resource group or subscription differs from every registration the same file, or another file of the workspace, declares (Set-AzsRegistration, Register-AzsEnvironment, an ARM registration resource, a saved GET response). Also a script that finds its registration at run time by resource type (Get-AzResource -ResourceType Microsoft.AzureStack/registrations, in any resource group or under any name) and then addresses it with a fixed resource group or name.',
      sv: 'Ett anrop som lägger till, tar bort eller läser kundprenumerationer i en registrering vars namn, resursgrupp eller prenumeration skiljer sig från varje registrering som samma fil, eller en annan fil i arbetsytan, deklarerar (Set-AzsRegistration, Register-AzsEnvironment, en ARM-resurs för registreringen, ett sparat GET-svar). Även ett skript som hittar sin registrering vid körning via resurstypen (Get-AzResource -ResourceType Microsoft.AzureStack/registrations, i vilken resursgrupp eller med vilket namn som helst) och sedan anger den med en fast resursgrupp eller ett fast namn.',
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
    lookupGroup: {
      en: "This request names the fixed resource group '{used}', but the script finds its registration by resource type in any resource group; where it is elsewhere, Azure answers RegistrationNotFound. Use the resource group the lookup returns.",
      sv: "Anropet anger den fasta resursgruppen '{used}', men skriptet hittar sin registrering via resurstypen i vilken resursgrupp som helst; ligger den någon annanstans svarar Azure RegistrationNotFound. Använd resursgruppen som uppslaget ger.",
    },
    lookupName: {
      en: "This request names the fixed registration '{used}', but the script finds its registration by resource type under any name; where it is named otherwise, Azure answers RegistrationNotFound. Use the name the lookup returns.",
      sv: "Anropet anger den fasta registreringen '{used}', men skriptet hittar sin registrering via resurstypen oavsett namn; heter den något annat svarar Azure RegistrationNotFound. Använd namnet som uppslaget ger.",
    },
    lookupHere: { en: 'The registration is found here, wherever it is.', sv: 'Registreringen hittas här, var den än finns.' },
  },
  check(context) {
    const declarations = new Declarations(context);
    // Only a request that matches no declaration needs them all (to name the closest one).
    let closest: ByRef<IndexedDeclaration | undefined> | undefined;
    const mismatches = reportsForEach(context.facts.tenantOperations, (operation): readonly Report<(typeof messageIds)[RefPart] | 'declaredHere', Replacement>[] => {
      const ref = operation.registration;
      if (!knowsAPart(ref) || declarations.hasCompatible(ref)) return noReports;
      // Looked up once per way of writing the reference: a dense script's operations name the same registration.
      if (!closest) {
        const index = new Closest(declarations.all().filter(namesARegistration), context.uri);
        closest = new ByRef((written) => index.for(written, refKeys(written)));
      }
      const target = closest.get(ref);
      if (!target) return noReports;
      const keys = refKeys(ref);
      const part: RefPart = differences(keys, target.keys)[0];
      const used = ref[part];
      const declared = target.declaration.ref[part];
      if (!isKnown(used) || !isKnown(declared)) return noReports;
      return [{
        messageId: messageIds[part],
        values: { used: used.text, declared: declared.text, where: where(target.uri, context.uri) },
        // Where the name is written (perhaps in a variable's assignment): the quick fix replaces those characters, and
        // only those: not an expression or reference that brings the name in (with the rest of a resource's name).
        span: locateWhole(used),
        related: [{ uri: target.uri, span: declared.span, messageId: 'declaredHere' }],
        // Or where the parameter file that gives the name writes it.
        ...replacementWhereWritten<Replacement>(used, locatesCopy(used) || givenElsewhere(used) ? { replacement: declared.text } : undefined),
      }];
    });
    // One defect, one finding: a part already reported as differing from a declaration is not reported again.
    const reported = new Set(mismatches.map((m) => `${m.span.start}:${m.span.end}`));
    return [...mismatches, ...hardCodedAfterLookup(context.facts, context.uri, declarations, reported)];
  },
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Use the declared "{replacement}"', sv: 'Använd den deklarerade "{replacement}"' }, false),
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
});
