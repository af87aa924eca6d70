import type { ErrorCode } from '../errors';
import { locate, usedAt, type FileFacts, type Value } from '../facts';
import { cloudIdLookupAt } from '../fixes';
import { findPlaceholder } from '../ids';
import type { Span } from '../text';
import { defineRule, type Report } from './rule';

function whole(value: Value): Span {
  return locate(value, 0, value.text.length);
}

function inside(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

/**
 * Which documented error a placeholder at `span` leads to: a bad customer subscription ID, a registration a request
 * does not find, or neither (a computer name, a password, the name a registration is created under).
 */
function errorAt(facts: FileFacts, span: Span): ErrorCode | null {
  const operations = facts.tenantOperations;
  if (operations.some((o) => o.customerSubscriptionId && inside(span, whole(o.customerSubscriptionId)))) return 'InvalidCustomerSubscriptionId';
  const requested = [...facts.resourceIds, ...operations.flatMap((o) => [o.registration.subscriptionId, o.registration.resourceGroup, o.registration.name])];
  return requested.some((v) => v && inside(span, whole(v))) ? 'RegistrationNotFound' : null;
}

/** Every placeholder in a value, with its index in the value's text. */
function* placeholdersIn(value: Value): Generator<{ text: string; index: number }> {
  for (let from = 0; from < value.text.length;) {
    const found = findPlaceholder(value.text.slice(from));
    if (!found) return;
    yield { text: found.text, index: from + found.index };
    from += found.index + Math.max(found.text.length, 1);
  }
}

export default defineRule({
  code: 'AZS102',
  name: 'placeholder-left',
  title: { en: 'Placeholder left in a value', sv: 'Platshållare kvar i ett värde' },
  docs: {
    finds: {
      en: 'A value that still holds a placeholder from a template or a documentation sample where a real value is needed: <subscription id>, {registrationName}, [tenant], xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the all-zero GUID, your-subscription-id and the like.',
      sv: 'Ett värde som fortfarande innehåller en platshållare från en mall eller ett dokumentationsexempel där ett riktigt värde behövs: <subscription id>, {registrationName}, [tenant], xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, GUID:t med bara nollor, your-subscription-id och liknande.',
    },
    matters: {
      en: 'Azure reads the placeholder literally: in a registration path it answers RegistrationNotFound, as a customer subscription ID InvalidCustomerSubscriptionId; a placeholder computer name or password makes the command fail.',
      sv: 'Azure läser platshållaren bokstavligt: i en registreringssökväg svarar den RegistrationNotFound, som kundprenumerationens ID InvalidCustomerSubscriptionId; ett platshållarnamn på en dator eller ett lösenord får kommandot att misslyckas.',
    },
  },
  defaultSeverity: 'warning',
  azureError: 'RegistrationNotFound',
  messages: {
    placeholderAzure: {
      en: "'{placeholder}' is a placeholder that was never filled in; Azure would answer {azureError}.",
      sv: "'{placeholder}' är en platshållare som aldrig fyllts i; Azure skulle svara {azureError}.",
    },
    placeholder: {
      en: "'{placeholder}' is a placeholder that was never filled in; the command fails with it.",
      sv: "'{placeholder}' är en platshållare som aldrig fyllts i; kommandot misslyckas med den.",
    },
  },
  check({ facts }) {
    const seen = new Map<string, Report<'placeholderAzure' | 'placeholder'>>();
    const reports: Report<'placeholderAzure' | 'placeholder'>[] = [];
    for (const value of [facts.values, facts.resourceIds].flat()) {
      if (!findPlaceholder(value.text)) continue; // most values: one quick test, nothing more
      for (const found of placeholdersIn(value)) {
        const span = locate(value, found.index, found.text.length);
        const key = `${span.start}:${span.end}`;
        const known = seen.get(key);
        // A placeholder met again through a variable: the same finding, which lists this use too.
        if (known) {
          reports.push({ ...known, usedAt: usedAt(value, found.index, found.text.length) });
          continue;
        }
        const azureError = errorAt(facts, span);
        const values = { placeholder: found.text, ...(azureError ? { azureError } : {}) };
        const report = { messageId: azureError ? 'placeholderAzure' as const : 'placeholder' as const, values, span, azureError, data: { placeholder: found.text }, usedAt: usedAt(value, found.index, found.text.length) };
        seen.set(key, report);
        reports.push(report);
      }
    }
    return reports;
  },
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
});
