import { hasParameter, parameter, sameName } from '../parse/cmdlets';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/**
 * What the quick fix writes for each missing parameter. Defaults are variables where a literal would name something:
 * a registration name typed in as a default would be a registration that the other files' tenant operations do not
 * name (AZS103).
 */
const missingParameterSnippets: Record<string, string> = {
  RegistrationName: '-RegistrationName ${1:\\$registrationName}',
  PrivilegedEndpoint: '-PrivilegedEndpoint ${2:AzS-ERCS01}',
  PrivilegedEndpointCredential: '-PrivilegedEndpointCredential ${3:\\$cloudAdminCredential}',
  RegistrationToken: '-RegistrationToken ${4:\\$registrationToken}',
};

/** The mandatory parameters of the AzureStack-Tools registration cmdlets. */
const mandatory: readonly (readonly [string, readonly string[]])[] = [
  ['set-azsregistration', ['PrivilegedEndpointCredential', 'PrivilegedEndpoint', 'RegistrationName']],
  ['get-azsregistrationtoken', ['PrivilegedEndpointCredential', 'PrivilegedEndpoint', 'BillingModel']],
  ['register-azsenvironment', ['RegistrationToken', 'RegistrationName']],
  ['remove-azsregistration', ['PrivilegedEndpointCredential', 'PrivilegedEndpoint']],
];

/**
 * The mandatory parameters of a cmdlet named so in any letter case, if it is one of those: compared in place, where a
 * lower-case copy of each name was a string made and looked up per command (a dense script has ≈ 5,000).
 */
function mandatoryOf(name: string): readonly string[] | undefined {
  for (let i = 0; i < mandatory.length; i++) if (sameName(name, mandatory[i][0])) return mandatory[i][1];
  return undefined;
}

export default defineRule({
  code: 'AZS104',
  name: 'registration-parameter-missing',
  title: { en: 'Registration cmdlet lacks a mandatory parameter', sv: 'Registreringscmdlet saknar en obligatorisk parameter' },
  docs: {
    finds: {
      en: 'A call of Set-AzsRegistration, Get-AzsRegistrationToken, Register-AzsEnvironment or Remove-AzsRegistration without one of its mandatory parameters, such as -RegistrationName or -PrivilegedEndpointCredential, or with one that is given no value (`-RegistrationName:` at the end of the line). Calls that splat a hashtable the file does not show, or pass positional arguments, are left alone.',
      sv: 'Ett anrop av Set-AzsRegistration, Get-AzsRegistrationToken, Register-AzsEnvironment eller Remove-AzsRegistration utan en av dess obligatoriska parametrar, till exempel -RegistrationName eller -PrivilegedEndpointCredential, eller med en som inte får något värde (`-RegistrationName:` sist på raden). Anrop som splattar en hashtabell som filen inte visar, eller skickar positionella argument, lämnas i fred.',
    },
    matters: {
      en: 'PowerShell prompts for a missing mandatory parameter, so an unattended run hangs or fails; older module versions without -RegistrationName also create the registration under a generated name that later tenant requests do not use.',
      sv: 'PowerShell frågar efter en obligatorisk parameter som saknas, så en obevakad körning hänger sig eller misslyckas; äldre modulversioner utan -RegistrationName skapar dessutom registreringen under ett genererat namn som senare klientanrop inte använder.',
    },
  },
  defaultSeverity: 'warning',
  azureError: null,
  messages: {
    missing: {
      en: '{cmdlet} is called without {parameters}, which it requires; the call prompts for it or fails when run unattended.',
      sv: '{cmdlet} anropas utan {parameters}, som krävs; anropet frågar efter värdet eller misslyckas när det körs obevakat.',
    },
    noValue: {
      en: "-{parameter} is given no value; PowerShell stops with \"Missing an argument for parameter '{parameter}'\" and {cmdlet} never runs.",
      sv: "-{parameter} får inget värde; PowerShell stoppar med ”Missing an argument for parameter '{parameter}'” och {cmdlet} körs aldrig.",
    },
  },
  check({ facts }) {
    return reportsForEach(facts.cmdlets, (cmdlet): readonly Report<'missing' | 'noValue', { missing: string[] }>[] => {
      const required = mandatoryOf(cmdlet.name);
      if (!required || cmdlet.positional.length > 0) return noReports;
      // Written but given nothing (at the end of the command, or before another parameter): PowerShell refuses the call.
      const empty = required.flatMap((name) => {
        const given = parameter(cmdlet, name);
        return given && !given.value ? [{ messageId: 'noValue' as const, span: given.nameSpan, values: { cmdlet: cmdlet.name, parameter: given.name } }] : [];
      });
      const missing = required.filter((name) => hasParameter(cmdlet, name) === false);
      if (missing.length === 0) return empty;
      return [...empty, {
        messageId: 'missing', span: cmdlet.nameSpan,
        values: { cmdlet: cmdlet.name, parameters: missing.map((m) => `-${m}`).join(', ') },
        data: { missing },
      }];
    });
  },
  fixes(finding, document) {
    const missing = (finding.data?.missing ?? []).filter((m) => m in missingParameterSnippets);
    if (missing.length === 0) return [];
    const names = missing.map((m) => `-${m}`).join(', ');
    return [{
      title: { en: `Add ${names}`, sv: `Lägg till ${names}` },
      // Right after the command name: named parameters may come in any order in PowerShell.
      edits: [{ uri: document.uri, start: finding.end, end: finding.end, newText: ` ${missing.map((m) => missingParameterSnippets[m]).join(' ')}` }],
      preferred: true, snippet: true,
    }];
  },
});
