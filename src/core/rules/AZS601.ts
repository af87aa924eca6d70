import { locateWhole } from '../facts';
import { liveOperations } from './live';
import { defineRule } from './rule';

export default defineRule({
  code: 'AZS601',
  name: 'registration-not-in-account',
  title: { en: 'Registration not found in Azure', sv: 'Registreringen finns inte i Azure' },
  docs: {
    finds: {
      en: 'A tenant operation on a registration that the signed-in account can see the subscription of, but which has no registration of that name in that resource group. Only when signed in, with azureStackCsp.lint.live on.',
      sv: 'En klientåtgärd på en registrering vars prenumeration det inloggade kontot ser, men som saknar en registrering med det namnet i den resursgruppen. Bara vid inloggning, med azureStackCsp.lint.live påslaget.',
    },
    matters: {
      en: 'Azure answers RegistrationNotFound. The name, resource group or subscription is wrong, or the registration was removed; with several registrations, pick the one whose cloudId is the stamp\'s CloudDeploymentID.',
      sv: 'Azure svarar RegistrationNotFound. Namnet, resursgruppen eller prenumerationen är fel, eller så har registreringen tagits bort; med flera registreringar, välj den vars cloudId är stämpelns CloudDeploymentID.',
    },
    examples: 'In these examples, Azure holds the registration reg-west in resource group azurestack.',
  },
  live: true,
  defaultSeverity: 'warning',
  azureError: 'RegistrationNotFound',
  messages: {
    absent: {
      en: "Subscription {subscription} has no registration '{name}' in resource group '{group}' (checked in Azure); Azure would answer RegistrationNotFound.",
      sv: "Prenumerationen {subscription} har ingen registrering '{name}' i resursgruppen '{group}' (kontrollerat i Azure); Azure skulle svara RegistrationNotFound.",
    },
  },
  check(context) {
    return liveOperations(context).flatMap(({ operation, ref, live }) => {
      if (live.registration(ref) !== 'absent') return [];
      const name = operation.registration.name!;
      return [{
        messageId: 'absent' as const, span: locateWhole(name),
        values: { subscription: ref.subscriptionId, name: ref.name, group: ref.resourceGroup },
      }];
    });
  },
  editorActions: ['pickRegistration'],
});
