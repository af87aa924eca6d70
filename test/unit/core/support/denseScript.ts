// A script as dense in findings as real files get: a documentation sample pasted thousands of times, every command
// with placeholders. The benchmarks time the linter on it.

/**
 * A dense script of about `size` characters as a documentation sample pasted many times over: every command carries
 * placeholders (in resource IDs, names, tenant IDs), and every customer subscription is added to one registration.
 */
export function denseScript(size: number): string {
  const out = ["$registrationName = '<registration name>'", "$subscriptionId = '<subscription id>'"];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const block = [
      `$customer${i} = '{customerSubscriptionId${i % 10}}'`,
      `New-AzResource -ResourceId "/subscriptions/$subscriptionId/resourceGroups/<resource group>/providers/Microsoft.AzureStack/registrations/$registrationName/customerSubscriptions/$customer${i}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '<tenant id ${i % 7}>' } -Force`,
      `Get-AzResource -ResourceId "/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/your-registration-name" -ApiVersion 2017-06-01`,
      `Set-AzsRegistration -PrivilegedEndpoint <ERCS VM> -RegistrationName $registrationName -BillingModel PayAsYouUse`,
    ].join('\n');
    out.push(block);
    length += block.length + 1;
  }
  return out.join('\n');
}
