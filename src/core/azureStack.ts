// What Microsoft.AzureStack and the AzureStack-Tools registration module accept: one place for rules and parsers.

/** The billing models Set-AzsRegistration accepts; only PayAsYouUse registrations take customer subscriptions. */
export const billingModels = ['PayAsYouUse', 'Capacity', 'Development', 'Custom', 'Ruggedized'] as const;

/** Get-AzsRegistrationToken (disconnected registration) accepts only these. */
export const tokenBillingModels = ['Capacity', 'Development', 'Custom'] as const;

/** What Set-AzsRegistration uses when -BillingModel is not given. */
export const defaultBillingModel = 'Development';

/** What the registration cmdlets use when -ResourceGroupName is not given. */
export const defaultResourceGroup = 'azurestack';

/** The api-versions the provider publishes. */
export const apiVersions = ['2016-01-01', '2017-06-01', '2020-06-01-preview', '2022-06-01'] as const;

/** customerSubscriptions exist from this api-version on. */
export const firstTenantApiVersion = '2017-06-01';

/**
 * Whether a registration with this billing model takes tenants (customer subscriptions): only PayAsYouUse does. The
 * one place that says so: the rules, the tree's menus, the pickers, the tenant commands and the usage report ask it.
 */
export function allowsTenants(billingModel: string | undefined): boolean {
  return billingModel?.toLowerCase() === 'payasyouuse';
}

/** The accepted value spelled as `value` is when they differ only in case; undefined when it is none of them. */
export function acceptedSpelling(value: string, accepted: readonly string[]): string | undefined {
  return accepted.find((a) => a.toLowerCase() === value.trim().toLowerCase());
}
