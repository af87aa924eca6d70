import { defineRule } from './rule';
import { customerSubscriptionOf, liveOperations } from './live';

export default defineRule({
  code: 'AZS603',
  name: 'tenant-not-in-registration',
  title: { en: 'Tenant not in the registration', sv: 'Klienten finns inte i registreringen' },
  docs: {
    finds: {
      en: 'A customer subscription read or removed that Azure does not list under the registration. Only when signed in, with azureStackCsp.lint.live on.',
      sv: 'En kundprenumeration som läses eller tas bort men som Azure inte listar under registreringen. Bara vid inloggning, med azureStackCsp.lint.live påslaget.',
    },
    matters: {
      en: 'Azure answers CustomerSubscriptionNotFound: the customer subscription was never added, was already removed, or its ID is mistyped.',
      sv: 'Azure svarar CustomerSubscriptionNotFound: kundprenumerationen lades aldrig till, har redan tagits bort eller har ett felskrivet ID.',
    },
    examples: 'In these examples, registration reg-west holds one customer subscription, 9a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f.',
  },
  live: true,
  defaultSeverity: 'warning',
  azureError: 'CustomerSubscriptionNotFound',
  messages: {
    absent: {
      en: "Customer subscription {id} is not in registration '{name}' (checked in Azure); Azure would answer CustomerSubscriptionNotFound.",
      sv: "Kundprenumerationen {id} finns inte i registreringen '{name}' (kontrollerat i Azure); Azure skulle svara CustomerSubscriptionNotFound.",
    },
  },
  check(context) {
    return liveOperations(context).flatMap(({ operation, ref, live }) => {
      const id = customerSubscriptionOf(operation);
      if ((operation.action !== 'remove' && operation.action !== 'get') || !id || live.tenant(ref, id) !== 'absent') return [];
      return [{ messageId: 'absent' as const, span: operation.customerSubscriptionId!.span, values: { id, name: ref.name } }];
    });
  },
});
