import { isKnown } from '../facts';
import { cloudIdLookupFix, expandableText } from '../fixes';
import { holdsPlaceholder } from '../ids';
import { defineRule } from './rule';

/** The registration AZS501's lookup compares with, as its text, and where its first tenant operation starts. */
interface RegistrationToCheck {
  name: string;
  resourceGroup?: string;
  subscriptionId?: string;
  operationStart?: number;
}

export default defineRule({
  code: 'AZS501',
  name: 'cloud-deployment-id-unverified',
  title: { en: 'CloudDeploymentID never checked', sv: 'CloudDeploymentID kontrolleras aldrig' },
  docs: {
    finds: {
      en: "A script or request file that adds or removes customer subscriptions of a registration it names, but never looks up or compares the stamp's CloudDeploymentID (cloudId), for example with Get-AzureStackStampInformation on the privileged endpoint.",
      sv: 'Ett skript eller en anropsfil som lägger till eller tar bort kundprenumerationer i en registrering som den namnger, men aldrig slår upp eller jämför stämpelns CloudDeploymentID (cloudId), till exempel med Get-AzureStackStampInformation på den privilegierade slutpunkten.',
    },
    matters: {
      en: 'A CSP with several stamps has several registrations; a name copied from the wrong one sends the tenant to another stamp or ends in RegistrationNotFound. Comparing the registration\'s cloudId with the stamp\'s CloudID makes sure the right one is used. The finding is information, not a faint hint: it appears only in files that add or remove tenants, where a user should see it (in the Problems panel too) before running the file, yet it is no error, since a script with a single stamp is right without the check.',
      sv: 'En CSP med flera stämplar har flera registreringar; ett namn som kopierats från fel registrering skickar klienten till en annan stämpel eller slutar med RegistrationNotFound. Att jämföra registreringens cloudId med stämpelns CloudID säkerställer att rätt registrering används. Fyndet är information, inte ett svagt tips: det visas bara i filer som lägger till eller tar bort klienter, där användaren bör se det (även i panelen Problem) innan filen körs, men det är inget fel, eftersom ett skript för en enda stämpel är rätt utan kontrollen.',
    },
  },
  defaultSeverity: 'information',
  azureError: 'RegistrationNotFound',
  messages: {
    unverified: {
      en: "This file changes the tenants of registration '{name}' but never checks the stamp's CloudDeploymentID against the registration's cloudId; with several registrations it may be the wrong one.",
      sv: "Filen ändrar klienterna i registreringen '{name}' men jämför aldrig stämpelns CloudDeploymentID med registreringens cloudId; med flera registreringar kan det vara fel registrering.",
    },
  },
  check({ kind, facts }) {
    if (kind === 'json' || facts.checksCloudId) return [];
    // A JSON code block in Markdown is a request body or a template, which cannot look anything up either.
    const inJson = (offset: number) => facts.embedded?.some((r) => r.kind === 'json' && offset >= r.start && offset <= r.end) === true;
    // A placeholder is no name yet (AZS102 says so): the check is asked for once the file names its registration.
    const named = facts.tenantOperations.find((o) => (o.action === 'add' || o.action === 'remove') && isKnown(o.registration.name)
      && !holdsPlaceholder(o.registration.name.text) && !inJson(o.span.start));
    const name = named?.registration.name;
    if (!named || !name) return [];
    const { subscriptionId, resourceGroup } = named.registration;
    // The lookup quick fix compares with this registration and goes in before the first operation.
    const data: RegistrationToCheck = { name: name.text, operationStart: named.span.start };
    if (isKnown(subscriptionId)) data.subscriptionId = subscriptionId.text;
    if (isKnown(resourceGroup)) data.resourceGroup = resourceGroup.text;
    return [{ messageId: 'unverified', values: { name: name.text }, span: name.span, data }];
  },
  cloudIdLookup(finding, document) {
    const data = finding.data;
    if (!data?.name) return undefined;
    const { name, resourceGroup, subscriptionId, operationStart } = data;
    const literal = { name: expandableText(name), ...(resourceGroup ? { resourceGroup: expandableText(resourceGroup) } : {}), ...(subscriptionId ? { subscriptionId: expandableText(subscriptionId) } : {}) };
    return cloudIdLookupFix(document, literal, operationStart ?? finding.start);
  },
});
