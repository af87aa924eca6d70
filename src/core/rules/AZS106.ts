import { defineRule, type Report } from './rule';

export default defineRule({
  code: 'AZS106',
  name: 'registration-call-to-stamp',
  title: { en: 'Registration call sent to the stamp', sv: 'Registreringsanrop skickat till stämpeln' },
  docs: {
    finds: {
      en: 'A call on a registration or its customer subscriptions (New-, Get-, Set- or Remove-AzResource, Invoke-AzRestMethod, and their AzureRM twins) made while the session\'s active environment is the stamp\'s: the last Connect-AzAccount, Add-AzAccount or Login-AzureRmAccount before it signed in with -Environment AzureStackAdmin, AzureStackUser or an environment the script adds with Add-AzEnvironment, or a Select-AzContext chose a context signed in that way. Also an Invoke-RestMethod whose URL names the stamp\'s Resource Manager (adminmanagement.…, *.azurestack.external, or the endpoint of an environment the script adds). In shell scripts, the same for az resource and az rest with a path after az cloud set chose AzureStackAdmin, AzureStackUser or a cloud the script registers with az cloud register, and for az rest with the stamp\'s URL. The statements are followed in order; where the environment is not certain (set in a branch, in a loop after the call, in a function, or by a context the file does not show) the rule says nothing.',
      sv: 'Ett anrop mot en registrering eller dess kundprenumerationer (New-, Get-, Set- eller Remove-AzResource, Invoke-AzRestMethod och deras AzureRM-motsvarigheter) medan sessionens aktiva miljö är stämpelns: den senaste Connect-AzAccount, Add-AzAccount eller Login-AzureRmAccount före anropet loggade in med -Environment AzureStackAdmin, AzureStackUser eller en miljö som skriptet lägger till med Add-AzEnvironment, eller så valde Select-AzContext en kontext som loggats in så. Även Invoke-RestMethod vars URL pekar på stämpelns Resource Manager (adminmanagement.…, *.azurestack.external eller slutpunkten för en miljö som skriptet lägger till). I skalskript gäller detsamma az resource och az rest med en sökväg efter att az cloud set valt AzureStackAdmin, AzureStackUser eller ett moln som skriptet registrerar med az cloud register, och az rest med stämpelns URL. Satserna följs i ordning; där miljön inte är säker (satt i en gren, i en loop efter anropet, i en funktion eller av en kontext som filen inte visar) säger regeln ingenting.',
    },
    matters: {
      en: 'Registrations and their customer subscriptions are resources in Azure, in the subscription that registered the stamp; the stamp\'s own Resource Manager has no Microsoft.AzureStack/registrations. Sent to the stamp, the call fails (the Azure subscription is not found there) and the tenant is never added, often late in a long onboarding script that switched to the stamp for another step.',
      sv: 'Registreringar och deras kundprenumerationer är resurser i Azure, i den prenumeration som registrerade stämpeln; stämpelns egen Resource Manager har inga Microsoft.AzureStack/registrations. Skickat till stämpeln misslyckas anropet (Azure-prenumerationen finns inte där) och kunden läggs aldrig till, ofta sent i ett långt introduktionsskript som bytte till stämpeln för ett annat steg.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    environment: {
      en: 'This call goes to the stamp: the active environment is {target}, set on line {line}. Registrations live in Azure; sign in to Azure (Connect-AzAccount -Environment AzureCloud) or select an Azure context first.',
      sv: 'Det här anropet går till stämpeln: den aktiva miljön är {target}, satt på rad {line}. Registreringar finns i Azure; logga in i Azure (Connect-AzAccount -Environment AzureCloud) eller välj en Azure-kontext först.',
    },
    cloud: {
      en: 'This call goes to the stamp: the Azure CLI\'s active cloud is {target}, set on line {line}. Registrations live in Azure; switch to it first (az cloud set --name AzureCloud).',
      sv: 'Det här anropet går till stämpeln: Azure CLI:s aktiva moln är {target}, satt på rad {line}. Registreringar finns i Azure; byt dit först (az cloud set --name AzureCloud).',
    },
    url: {
      en: 'This URL sends the call to the stamp ({target}); registrations live in Azure, at https://management.azure.com.',
      sv: 'Den här URL:en skickar anropet till stämpeln ({target}); registreringar finns i Azure, på https://management.azure.com.',
    },
    switchedHere: {
      en: 'The stamp\'s environment is made active here.',
      sv: 'Stämpelns miljö görs aktiv här.',
    },
    cloudSetHere: {
      en: 'The stamp\'s cloud is made the Azure CLI\'s active cloud here.',
      sv: 'Stämpelns moln görs till Azure CLI:s aktiva moln här.',
    },
  },
  check({ facts, uri }) {
    return (facts.cloudCalls ?? []).filter((call) => call.destination === 'stamp').map((call): Report<'url' | 'environment' | 'cloud' | 'switchedHere' | 'cloudSetHere'> => {
      if (call.by === 'url' || !call.switchedAt) return { messageId: 'url', span: call.span, values: { target: call.target } };
      return {
        messageId: call.by, span: call.span, values: { target: call.target, line: String(call.switchedLine) },
        related: [{ uri, span: call.switchedAt, messageId: call.by === 'cloud' ? 'cloudSetHere' : 'switchedHere' }],
      };
    });
  },
});
