import { apiVersions, firstTenantApiVersion } from '../azureStack';
import { locateWhole } from '../facts';
import { hasUnknown } from '../ids';
import { replace, replacementWhereWritten, type Replacement } from '../fixes';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

export default defineRule({
  code: 'AZS401',
  name: 'api-version-invalid',
  title: { en: 'Invalid Microsoft.AzureStack api-version', sv: 'Ogiltig api-version för Microsoft.AzureStack' },
  docs: {
    finds: {
      en: `An api-version on a Microsoft.AzureStack registration or customer subscription request (URL query, -ApiVersion, --api-version, a template resource's apiVersion) that the provider does not publish — it has ${apiVersions.join(', ')} — or 2016-01-01 on a customer subscription request, which that version does not have.`,
      sv: `En api-version på ett anrop mot en registrering eller kundprenumeration i Microsoft.AzureStack (URL-frågan, -ApiVersion, --api-version, en mallresurs apiVersion) som providern inte publicerar — den har ${apiVersions.join(', ')} — eller 2016-01-01 på ett anrop om kundprenumerationer, som den versionen saknar.`,
    },
    matters: {
      en: 'Azure Resource Manager rejects a request with an api-version the provider does not have (or that lacks the resource type), so the registration or tenant is never read or changed. AzureStack-Tools and the CSP documentation use 2017-06-01.',
      sv: 'Azure Resource Manager avvisar ett anrop med en api-version som providern inte har (eller som saknar resurstypen), så registreringen eller klienten läses eller ändras aldrig. AzureStack-Tools och CSP-dokumentationen använder 2017-06-01.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    unknown: {
      en: "'{value}' is not an api-version of Microsoft.AzureStack; it has {versions}. Azure rejects the request.",
      sv: "'{value}' är ingen api-version för Microsoft.AzureStack; den har {versions}. Azure avvisar anropet.",
    },
    noTenants: {
      en: `api-version {value} has no customerSubscriptions; use ${firstTenantApiVersion} or later. Azure rejects the request.`,
      sv: `api-version {value} saknar customerSubscriptions; använd ${firstTenantApiVersion} eller senare. Azure avvisar anropet.`,
    },
  },
  check({ facts }) {
    return reportsForEach(facts.apiVersions, ({ value, target }): readonly Report<'unknown' | 'noTenants', Replacement>[] => {
      // Read once: a template works its api-version's text out at each read (thousands of tenant resources have one).
      const text = value.text;
      if (hasUnknown(text)) return noReports;
      const version = text.trim();
      const published = (apiVersions as readonly string[]).includes(version);
      if (published && (target !== 'customerSubscription' || version >= firstTenantApiVersion)) return noReports;
      // Fixed where the version is written: in the parameter file when that gives it, never over the reference to it.
      const report = { span: locateWhole(value), usedAt: value.span, ...replacementWhereWritten<Replacement>(value, { replacement: firstTenantApiVersion }) };
      return [published
        ? { ...report, messageId: 'noTenants', values: { value: version } }
        : { ...report, messageId: 'unknown', values: { value: version, versions: apiVersions.join(', ') } }];
    });
  },
  // No data where only the reference to the version is underlined (a defaultValue or variable with an escape, an
  // expression): it is left to the author.
  fixes: (finding, document) => (finding.data ? [{
    title: { en: `Use api-version ${firstTenantApiVersion}`, sv: `Använd api-version ${firstTenantApiVersion}` },
    edits: replace(document, finding, firstTenantApiVersion), preferred: true, safe: true,
  }] : []),
});
