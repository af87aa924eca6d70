// Made-up identifiers for fixtures.
export const subscription = '3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47';
export const customer = '9a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f';
export const tenant = 'c4e5f607-1829-4a3b-9c5d-6e7f8091a2b3';
export const registrationId = `/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1`;
