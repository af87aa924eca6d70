import { isKnown, locate, type RegistrationRef } from '../facts';
import { cloudIdLookupAt, replacementFix, type Replacement } from '../fixes';
import { Declarations, differences, knownParts, refKeys, where, type IndexedDeclaration, type RefKeys, type RefPart } from './registrations';
import { defineRule, type Report } from './rule';

const messageIds = { name: 'nameMismatch', resourceGroup: 'groupMismatch', subscriptionId: 'subscriptionMismatch' } as const;

/** The declaration the operation most likely meant: the one it agrees with most, from the same file first. */
function closest(candidates: IndexedDeclaration[], ref: RegistrationRef, keys: RefKeys, uri: string): IndexedDeclaration {
  const known = knownParts(ref).length;
  const score = (c: IndexedDeclaration) => known - differences(keys, c.keys).length + (c.uri === uri ? 0.5 : 0);
  return candidates.reduce((best, c) => (score(c) > score(best) ? c : best));
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
    let candidates: IndexedDeclaration[] | undefined;
    return context.facts.tenantOperations.flatMap((operation): Report<(typeof messageIds)[RefPart] | 'declaredHere', Replacement>[] => {
      const ref = operation.registration;
      if (knownParts(ref).length === 0 || declarations.hasCompatible(ref)) return [];
      candidates ??= declarations.all().filter((c) => knownParts(c.declaration.ref).length > 0);
      if (candidates.length === 0) return [];
      const keys = refKeys(ref);
      const target = closest(candidates, ref, keys, context.uri);
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
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Use the declared "{replacement}"', sv: 'Använd den deklarerade "{replacement}"' }, false),
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
});
