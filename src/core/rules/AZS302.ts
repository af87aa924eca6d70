import { isKnown, locateWhole } from '../facts';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/** Where the missing parameter goes: the end of the billing model's value in the call. */
interface ParameterPlace {
  after: number;
}


export default defineRule<'agreementNumber' | 'msAssetTag', ParameterPlace>({
  code: 'AZS302',
  name: 'billing-model-parameter-missing',
  title: { en: 'Billing model lacks its required parameter', sv: 'Debiteringsmodellen saknar sin obligatoriska parameter' },
  docs: {
    finds: {
      en: 'Set-AzsRegistration or Get-AzsRegistrationToken with -BillingModel Capacity but no -AgreementNumber, or with -BillingModel Custom but no -MsAssetTag.',
      sv: 'Set-AzsRegistration eller Get-AzsRegistrationToken med -BillingModel Capacity men utan -AgreementNumber, eller med -BillingModel Custom men utan -MsAssetTag.',
    },
    matters: {
      en: 'A Capacity registration is tied to the agreement number of the capacity purchase and a Custom one to its Microsoft asset tag; the cmdlet throws before it registers anything when they are missing.',
      sv: 'En Capacity-registrering är knuten till avtalsnumret för kapacitetsköpet och en Custom-registrering till Microsofts tillgångstagg; cmdleten kastar ett fel innan något registreras när de saknas.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    agreementNumber: {
      en: '-BillingModel Capacity needs -AgreementNumber; {cmdlet} stops with an error without it.',
      sv: '-BillingModel Capacity kräver -AgreementNumber; {cmdlet} avbryts med ett fel utan den.',
    },
    msAssetTag: {
      en: '-BillingModel Custom needs -MsAssetTag; {cmdlet} stops with an error without it.',
      sv: '-BillingModel Custom kräver -MsAssetTag; {cmdlet} avbryts med ett fel utan den.',
    },
  },
  check({ facts }) {
    return reportsForEach(facts.billingModels, (use): readonly Report<'agreementNumber' | 'msAssetTag', ParameterPlace>[] => {
      // Only a model whose parameter is missing is read (a dense script has ≈ 1,600 that lack neither).
      if ((use.hasAgreementNumber !== false && use.hasMsAssetTag !== false) || !isKnown(use.value)) return noReports;
      const model = use.value.text.trim().toLowerCase();
      const messageId = model === 'capacity' && use.hasAgreementNumber === false ? 'agreementNumber'
        : model === 'custom' && use.hasMsAssetTag === false ? 'msAssetTag' : undefined;
      // The finding underlines the model as written (perhaps in a variable's assignment); the parameter goes into the call.
      return messageId ? [{ messageId, values: { cmdlet: use.setBy }, span: locateWhole(use.value), data: { after: use.value.span.end } }] : noReports;
    });
  },
  fixes(finding, document) {
    if (!finding.data) return [];
    const capacity = /capacity/i.test(document.text.slice(finding.start, finding.end));
    const parameter = capacity ? '-AgreementNumber ${1:agreement-number}' : '-MsAssetTag ${1:asset-tag}';
    // After the billing model's value in the call, so the parameter that needs it stands beside it.
    const { after } = finding.data;
    const next = document.text.slice(after, after + 1);
    const end = next === "'" || next === '"' ? after + 1 : after;
    return [{
      title: capacity ? { en: 'Add -AgreementNumber', sv: 'Lägg till -AgreementNumber' } : { en: 'Add -MsAssetTag', sv: 'Lägg till -MsAssetTag' },
      edits: [{ uri: document.uri, start: end, end, newText: ` ${parameter}` }],
      preferred: true, snippet: true,
    }];
  },
});
