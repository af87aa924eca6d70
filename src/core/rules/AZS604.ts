import { defineRule } from './rule';
import { customerSubscriptionOf, liveOperations } from './live';

export default defineRule({
  code: 'AZS604',
  name: 'tenant-already-added',
  title: { en: 'Tenant already added', sv: 'Klienten är redan tillagd' },
  docs: {
    finds: {
      en: 'A customer subscription added to a registration that Azure already lists it under. Only when signed in, with azureStackCsp.lint.live on.',
      sv: 'En kundprenumeration som läggs till i en registrering där Azure redan listar den. Bara vid inloggning, med azureStackCsp.lint.live påslaget.',
    },
    matters: {
      en: 'Adding it again does no harm when the tenant ID is the same, but a different tenant ID replaces the one Azure holds: the customer\'s usage then goes to another directory.',
      sv: 'Att lägga till den igen skadar inte när klient-ID:t är detsamma, men ett annat klient-ID ersätter det Azure har: kundens användning går då till en annan katalog.',
    },
    examples: 'In these examples, registration reg-west already holds customer subscription 9a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f.',
  },
  live: true,
  defaultSeverity: 'information',
  azureError: null,
  messages: {
    present: {
      en: "Customer subscription {id} is already in registration '{name}' (checked in Azure); adding it again replaces its tenant ID.",
      sv: "Kundprenumerationen {id} finns redan i registreringen '{name}' (kontrollerat i Azure); att lägga till den igen ersätter dess klient-ID.",
    },
  },
  check(context) {
    return liveOperations(context).flatMap(({ operation, ref, live }) => {
      const id = customerSubscriptionOf(operation);
      if (operation.action !== 'add' || !id || live.tenant(ref, id) !== 'present') return [];
      return [{ messageId: 'present' as const, span: operation.customerSubscriptionId!.span, values: { id, name: ref.name } }];
    });
  },
});
