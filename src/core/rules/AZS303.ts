import { acceptedSpelling, billingModels } from '../azureStack';
import { isKnown, locateWhole } from '../facts';
import { fill, replace, replacementWhereWritten, type Fix, type Replacement } from '../fixes';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/** Names people write for a billing model that does not exist under that name. */
const confusions: Record<string, string> = {
  payasyougo: 'PayAsYouUse', paygo: 'PayAsYouUse', payg: 'PayAsYouUse', consumption: 'PayAsYouUse', payperuse: 'PayAsYouUse', dev: 'Development',
};

export default defineRule({
  code: 'AZS303',
  name: 'billing-model-unknown',
  title: { en: 'Unknown billing model', sv: 'Okänd debiteringsmodell' },
  docs: {
    finds: {
      en: 'A billing model that is not one of PayAsYouUse, Capacity, Development, Custom and Ruggedized (for example "PayAsYouGo"), or one the command does not take: Get-AzsRegistrationToken (disconnected registration) takes only Capacity, Development and Custom.',
      sv: 'En debiteringsmodell som inte är någon av PayAsYouUse, Capacity, Development, Custom och Ruggedized (till exempel "PayAsYouGo"), eller en som kommandot inte tar: Get-AzsRegistrationToken (frånkopplad registrering) tar bara Capacity, Development och Custom.',
    },
    matters: {
      en: "The registration cmdlets validate -BillingModel against a fixed set and stop before registering; a CSP that means to bill per use and writes PayAsYouGo never gets a registration that accepts tenants.",
      sv: 'Registreringscmdletarna kontrollerar -BillingModel mot en fast uppsättning och avbryts innan de registrerar; en CSP som vill debitera per användning och skriver PayAsYouGo får aldrig en registrering som tar emot klienter.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    unknown: {
      en: "'{value}' is not a billing model; use one of {accepted}.",
      sv: "'{value}' är ingen debiteringsmodell; använd en av {accepted}.",
    },
    didYouMean: {
      en: "'{value}' is not a billing model; did you mean {replacement}?",
      sv: "'{value}' är ingen debiteringsmodell; menade du {replacement}?",
    },
    notAccepted: {
      en: '{setBy} does not take the billing model {value}; it takes {accepted}.',
      sv: '{setBy} tar inte debiteringsmodellen {value}; den tar {accepted}.',
    },
  },
  check({ facts }) {
    return reportsForEach(facts.billingModels, (use): readonly Report<'unknown' | 'didYouMean' | 'notAccepted', Partial<Replacement>>[] => {
      // A model written as accepted needs no lower-case copies of it and of each accepted one (a dense script has ≈ 1,600).
      if (!isKnown(use.value) || use.accepted.includes(use.value.text) || acceptedSpelling(use.value.text, use.accepted)) return noReports;
      const value = use.value.text.trim();
      const span = locateWhole(use.value);
      const accepted = use.accepted.join(', ');
      const replacement = confusions[value.toLowerCase().replace(/[^a-z]/g, '')];
      const suggested = replacement && use.accepted.includes(replacement) ? replacement : undefined;
      // Where a parameter file gives the model, its fixes write there (or nowhere), never over the reference to it.
      const where = replacementWhereWritten<Partial<Replacement>>(use.value, suggested ? { replacement: suggested } : {});
      if (acceptedSpelling(value, billingModels)) return [{ messageId: 'notAccepted', values: { setBy: use.setBy, value, accepted }, span, ...where }];
      if (suggested) return [{ messageId: 'didYouMean', values: { value, replacement: suggested }, span, ...where }];
      return [{ messageId: 'unknown', values: { value, accepted }, span, ...where }];
    });
  },
  fixes(finding, document) {
    // A value another document writes is fixed there, or not at all (no data) when a reference here is all there is.
    // What a broken file shows as the value (a brace, a stretch of lines) is nothing to write a model over.
    if (!finding.data || (!finding.data.writtenIn && !/^[\w.-]+(?: [\w.-]+)*$/.test(document.text.slice(finding.start, finding.end)))) return [];
    const suggested = finding.data.replacement;
    const meant: Fix[] = suggested && suggested !== 'PayAsYouUse'
      ? [{ title: fill({ en: 'Use {replacement}', sv: 'Använd {replacement}' }, { replacement: suggested }), edits: replace(document, finding, suggested), preferred: true }]
      : [];
    return [...meant, { title: { en: 'Use PayAsYouUse', sv: 'Använd PayAsYouUse' }, edits: replace(document, finding, 'PayAsYouUse'), preferred: meant.length === 0 }];
  },
});
