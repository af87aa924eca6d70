import { acceptedSpelling, allowsTenants, billingModels } from '../azureStack';
import { isKnown, type RegistrationDeclaration, locateWhole } from '../facts';
import type { FileEdit } from '../fixes';
import { Declarations, where, type Candidate } from './registrations';
import { defineRule, noReports, reportsForEach, type RelatedReport, type Report } from './rule';

type MessageId = 'disallowed' | 'defaulted' | 'setHere' | 'defaultHere';

/**
 * The edit that makes a Set-AzsRegistration in a script register with PayAsYouUse (the quick fix): the billing
 * model's own characters, or a parameter after the cmdlet name when none is given. Saved answers and request bodies
 * only show what Azure holds, so they get none: re-registering is what changes it.
 */
function payAsYouUseEdit(uri: string, declaration: RegistrationDeclaration): FileEdit | undefined {
  if (!/\.psm?1$/i.test(uri)) return undefined;
  const billing = declaration.billingModel;
  if (!billing || billing.implicit) return { uri, start: declaration.span.end, end: declaration.span.end, newText: ' -BillingModel PayAsYouUse' };
  return { uri, ...locateWhole(billing.value), newText: 'PayAsYouUse' };
}

/** The billing model of each candidate, when there are some and none is unknown or allows tenants. */
function disallowingModels(candidates: readonly Candidate[]): string[] | undefined {
  const models: string[] = [];
  for (const { declaration } of candidates) {
    const billing = declaration.billingModel;
    const model = billing && isKnown(billing.value) ? acceptedSpelling(billing.value.text, billingModels) : undefined;
    if (model === undefined || allowsTenants(model)) return undefined;
    models.push(model);
  }
  return models.length > 0 ? models : undefined;
}

export default defineRule({
  code: 'AZS301',
  name: 'billing-model-disallows-tenants',
  title: { en: 'Billing model does not allow tenants', sv: 'Debiteringsmodellen tillåter inte klienter' },
  docs: {
    finds: {
      en: 'Customer subscriptions added to a registration whose billing model, as this file or another file of the workspace shows it, is Capacity, Development, Custom or Ruggedized. Set-AzsRegistration without -BillingModel registers with Development.',
      sv: 'Kundprenumerationer som läggs till i en registrering vars debiteringsmodell, som den här filen eller en annan fil i arbetsytan visar den, är Capacity, Development, Custom eller Ruggedized. Set-AzsRegistration utan -BillingModel registrerar med Development.',
    },
    matters: {
      en: 'Only PayAsYouUse registrations take customer subscriptions; Azure answers CustomerSubscriptionsNotAllowed for every other billing model. Register the stamp again with -BillingModel PayAsYouUse first.',
      sv: 'Bara registreringar med PayAsYouUse tar emot kundprenumerationer; Azure svarar CustomerSubscriptionsNotAllowed för alla andra debiteringsmodeller. Registrera stämpeln på nytt med -BillingModel PayAsYouUse först.',
    },
  },
  defaultSeverity: 'error',
  azureError: 'CustomerSubscriptionsNotAllowed',
  messages: {
    disallowed: {
      en: 'The registration declared {where} uses the {model} billing model; only PayAsYouUse registrations accept customer subscriptions, so Azure would answer CustomerSubscriptionsNotAllowed.',
      sv: 'Registreringen som deklareras {where} använder debiteringsmodellen {model}; bara registreringar med PayAsYouUse tar emot kundprenumerationer, så Azure skulle svara CustomerSubscriptionsNotAllowed.',
    },
    defaulted: {
      en: 'The registration declared {where} is created without -BillingModel, so it uses Development; only PayAsYouUse registrations accept customer subscriptions, so Azure would answer CustomerSubscriptionsNotAllowed.',
      sv: 'Registreringen som deklareras {where} skapas utan -BillingModel och använder därför Development; bara registreringar med PayAsYouUse tar emot kundprenumerationer, så Azure skulle svara CustomerSubscriptionsNotAllowed.',
    },
    setHere: { en: 'The billing model {model} is set here.', sv: 'Debiteringsmodellen {model} anges här.' },
    defaultHere: { en: 'No -BillingModel here, so Development applies.', sv: 'Ingen -BillingModel här, så Development gäller.' },
  },
  check(context) {
    const declarations = new Declarations(context);
    const modelsOf = new Map<readonly Candidate[], string[] | undefined>();
    return reportsForEach(context.facts.tenantOperations, (operation): readonly Report<MessageId, { edits: FileEdit[] }>[] => {
      if (operation.action !== 'add') return noReports;
      const candidates = declarations.for(operation);
      // One look-up for the commonest case, candidates met before (a template's tenants of one registration).
      let models = modelsOf.get(candidates);
      if (models === undefined && !modelsOf.has(candidates)) modelsOf.set(candidates, models = disallowingModels(candidates));
      if (!models) return noReports;
      const first = candidates[0];
      const implicit = Boolean(first.declaration.billingModel?.implicit);
      const related = candidates.map(({ uri, declaration }, i): RelatedReport<MessageId> => ({
        uri, span: declaration.billingModel?.value.span ?? declaration.span,
        messageId: declaration.billingModel?.implicit ? 'defaultHere' : 'setHere', values: { model: models[i] ?? '' },
      }));
      const edits = candidates.map(({ uri, declaration }) => payAsYouUseEdit(uri, declaration)).filter((e) => e !== undefined);
      return [{
        messageId: implicit ? 'defaulted' : 'disallowed', span: operation.span, related,
        values: { where: where(first.uri, context.uri), model: models[0] ?? '' },
        ...(edits.length === candidates.length ? { data: { edits } } : {}),
      }];
    });
  },
  fixes(finding) {
    const edits = finding.data?.edits ?? [];
    return edits.length === 0 ? [] : [{ title: { en: 'Register with PayAsYouUse', sv: 'Registrera med PayAsYouUse' }, edits, preferred: true }];
  },
});
