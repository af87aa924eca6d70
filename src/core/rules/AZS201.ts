import { isKnown, locateWhole } from '../facts';
import { replacementFix, replacementWhereWritten, type Replacement } from '../fixes';
import { holdsPlaceholder, isGuid, repairGuid } from '../ids';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

export default defineRule({
  code: 'AZS201',
  name: 'customer-subscription-id-not-guid',
  title: { en: 'Customer subscription ID is not a GUID', sv: 'Kundprenumerationens ID är inte ett GUID' },
  docs: {
    finds: {
      en: "A customer subscription ID (the last segment of a …/customerSubscriptions/<ID> path, or the second half of a customerSubscriptions resource's name) that is not a GUID, such as a subscription's display name, a GUID in braces or one with a character missing.",
      sv: 'Ett ID för en kundprenumeration (sista segmentet i en sökväg …/customerSubscriptions/<ID>, eller andra halvan av namnet på en customerSubscriptions-resurs) som inte är ett GUID, till exempel prenumerationens visningsnamn, ett GUID inom klamrar eller ett där ett tecken fattas.',
    },
    matters: {
      en: "A customer subscription is named by the customer's Azure subscription ID; anything else is rejected with InvalidCustomerSubscriptionId.",
      sv: 'En kundprenumeration namnges med kundens ID för Azure-prenumerationen; allt annat avvisas med InvalidCustomerSubscriptionId.',
    },
  },
  defaultSeverity: 'error',
  azureError: 'InvalidCustomerSubscriptionId',
  messages: {
    notGuid: {
      en: "The customer subscription ID '{value}' is not a GUID; Azure would answer InvalidCustomerSubscriptionId.",
      sv: "Kundprenumerationens ID '{value}' är inte ett GUID; Azure skulle svara InvalidCustomerSubscriptionId.",
    },
    repairable: {
      en: "The customer subscription ID '{value}' is not a GUID as written (did you mean {replacement}?); Azure would answer InvalidCustomerSubscriptionId.",
      sv: "Kundprenumerationens ID '{value}' är inte ett GUID som det är skrivet (menade du {replacement}?); Azure skulle svara InvalidCustomerSubscriptionId.",
    },
  },
  check({ facts }) {
    return reportsForEach(facts.tenantOperations, ({ customerSubscriptionId: id }): readonly Report<'notGuid' | 'repairable', Replacement>[] => {
      if (!isKnown(id) || isGuid(id.text) || holdsPlaceholder(id.text)) return noReports;
      const replacement = repairGuid(id.text);
      const span = locateWhole(id);
      if (!replacement) return [{ messageId: 'notGuid', values: { value: id.text }, span, usedAt: id.span }];
      // No fix where only a reference to the value can be underlined (the GUID would take the reference's place),
      // unless the parameter file that gives the value writes it: the fix writes there.
      return [{ messageId: 'repairable', values: { value: id.text, replacement }, span, usedAt: id.span, ...replacementWhereWritten<Replacement>(id, { replacement }) }];
    });
  },
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Fix the GUID: {replacement}', sv: 'Rätta GUID:t: {replacement}' }, true),
});
