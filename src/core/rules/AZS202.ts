import { isKnown, locateWhole } from '../facts';
import { replacementFix, replacementWhereWritten, type Replacement } from '../fixes';
import { holdsPlaceholder, isGuid, repairGuid } from '../ids';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

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
    return reportsForEach(facts.tenantOperations, (operation): readonly Report<'missing' | 'notGuid', Replacement>[] => {
      if (operation.action !== 'add') return noReports;
      if (operation.tenantIdMissingAt) return [{ messageId: 'missing', span: operation.tenantIdMissingAt }];
      const id = operation.tenantId;
      if (!isKnown(id) || isGuid(id.text) || holdsPlaceholder(id.text)) return noReports;
      const replacement = repairGuid(id.text);
      // Written where the value is written (a parameter file, a variable's assignment), or nowhere: never over the
      // reference that brings it in ("$t", "[variables('w')]" whose string has an escape), which would become a literal.
      const where = replacementWhereWritten<Replacement>(id, replacement ? { replacement } : undefined);
      return [{ messageId: 'notGuid', values: { value: id.text }, span: locateWhole(id), usedAt: id.span, ...where }];
    });
  },
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Fix the GUID: {replacement}', sv: 'Rätta GUID:t: {replacement}' }, true),
});
