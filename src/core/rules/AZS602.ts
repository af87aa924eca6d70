import { allowsTenants } from '../azureStack';
import { liveOperations } from './live';
import { defineRule } from './rule';

export default defineRule({
  code: 'AZS602',
  name: 'registration-not-payasyouuse',
  title: { en: 'Registration is not PayAsYouUse in Azure', sv: 'Registreringen använder inte PayAsYouUse i Azure' },
  docs: {
    finds: {
      en: 'Tenants added to a registration whose billing model in Azure is not PayAsYouUse, even when the file itself says nothing about the billing model. Only when signed in, with azureStackCsp.lint.live on.',
      sv: 'Klienter som läggs till i en registrering vars debiteringsmodell i Azure inte är PayAsYouUse, även när filen själv inte säger något om debiteringsmodellen. Bara vid inloggning, med azureStackCsp.lint.live påslaget.',
    },
    matters: {
      en: 'Azure answers CustomerSubscriptionsNotAllowed. Register the stamp again with -BillingModel PayAsYouUse before adding tenants.',
      sv: 'Azure svarar CustomerSubscriptionsNotAllowed. Registrera stämpeln på nytt med -BillingModel PayAsYouUse innan klienter läggs till.',
    },
    examples: 'In these examples, Azure holds reg-lab as a Capacity registration and reg-west as a PayAsYouUse one.',
  },
  live: true,
  defaultSeverity: 'warning',
  azureError: 'CustomerSubscriptionsNotAllowed',
  messages: {
    notPayAsYouUse: {
      en: "In Azure, registration '{name}' uses the {model} billing model; it takes no tenants, so Azure would answer CustomerSubscriptionsNotAllowed.",
      sv: "I Azure använder registreringen '{name}' debiteringsmodellen {model}; den tar inte emot klienter, så Azure skulle svara CustomerSubscriptionsNotAllowed.",
    },
  },
  check(context) {
    return liveOperations(context).flatMap(({ operation, ref, live }) => {
      const registration = live.registration(ref);
      if (operation.action !== 'add' || !registration || registration === 'absent') return [];
      const model = registration.billingModel ?? '';
      return model && allowsTenants(model) ? [] : [{ messageId: 'notPayAsYouUse' as const, span: operation.span, values: { name: ref.name, model: model || '?' } }];
    });
  },
  editorActions: ['pickRegistration'],
});
