import { isKnown, locateWhole, locatesOnlyReference } from '../facts';
import { replacementFix, replacementWhereWritten, type FixDocument, type Replacement } from '../fixes';
import { holdsPlaceholder, isGuid, repairGuid } from '../ids';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/** The GUID to write, and whether only the reference that brings the value in (`$t`, `[variables('w')]`) is underlined. */
interface GuidRepair extends Replacement {
  onlyReference?: true;
}

export default defineRule({
  code: 'AZS202',
  name: 'tenant-id-invalid',
  title: { en: 'Tenant ID missing or not a GUID', sv: 'Klient-ID saknas eller är inte ett GUID' },
  docs: {
    finds: {
      en: "A request, cmdlet call or template resource that adds a customer subscription without properties.tenantId, or with a tenantId that is not a GUID. The tenant ID is the customer's Microsoft Entra directory ID.",
      sv: 'Ett anrop, cmdlet-anrop eller en mallresurs som lägger till en kundprenumeration utan properties.tenantId, eller med ett tenantId som inte är ett GUID. Klient-ID:t är kundens katalog-ID i Microsoft Entra.',
    },
    matters: {
      en: 'Azure Stack Hub needs the directory of the customer to grant access to the new tenant subscription; the PUT request is rejected without a valid tenantId.',
      sv: 'Azure Stack Hub behöver kundens katalog för att ge åtkomst till den nya klientprenumerationen; PUT-anropet avvisas utan ett giltigt tenantId.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    missing: {
      en: "Adding a customer subscription needs properties.tenantId, the customer's directory (tenant) ID; Azure rejects the request without it.",
      sv: 'Att lägga till en kundprenumeration kräver properties.tenantId, kundens katalog-ID (klient-ID); Azure avvisar anropet utan det.',
    },
    notGuid: {
      en: "The tenant ID '{value}' is not a GUID; Azure rejects the request.",
      sv: "Klient-ID:t '{value}' är inte ett GUID; Azure avvisar anropet.",
    },
  },
  check({ facts }) {
    return reportsForEach(facts.tenantOperations, (operation): readonly Report<'missing' | 'notGuid', GuidRepair>[] => {
      if (operation.action !== 'add') return noReports;
      if (operation.tenantIdMissingAt) return [{ messageId: 'missing', span: operation.tenantIdMissingAt }];
      const id = operation.tenantId;
      if (!isKnown(id) || isGuid(id.text) || holdsPlaceholder(id.text)) return noReports;
      const replacement = repairGuid(id.text);
      // Where a parameter file gives the value, the GUID is written there (or nowhere), never over the reference to it.
      const where = replacementWhereWritten<GuidRepair>(id, replacement ? { replacement } : undefined);
      if (where.data && !where.givenIn && locatesOnlyReference(id)) where.data.onlyReference = true;
      return [{ messageId: 'notGuid', values: { value: id.text }, span: locateWhole(id), usedAt: id.span, ...where }];
    });
  },
  // Where only a reference to the value is underlined, the GUID takes its place only as a string's whole content
  // ("$t", "{$g}", "[variables('w')]"): a bare $t would become a bare GUID. Never over a template's parameters(): the
  // template would ignore the value given for it from then on (a defaultValue with an escape is all that leaves).
  fixes: (finding, document) => (finding.data?.onlyReference && (!isStringContent(document.text, finding) || refersToParameter(document, finding))
    ? []
    : replacementFix(document, finding, { en: 'Fix the GUID: {replacement}', sv: 'Rätta GUID:t: {replacement}' }, true)),
});

/** Whether the span of a JSON document calls ARM's parameters(). */
function refersToParameter(document: FixDocument, { start, end }: { start: number; end: number }): boolean {
  return document.kind === 'json' && /\bparameters\s*\(/i.test(document.text.slice(start, end));
}

/** Whether the span is all that stands between a pair of straight quotes. */
function isStringContent(text: string, { start, end }: { start: number; end: number }): boolean {
  const quote = text[start - 1];
  return (quote === '"' || quote === "'") && text[end] === quote;
}
