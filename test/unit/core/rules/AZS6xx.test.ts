import AZS601 from '../../../../src/core/rules/AZS601';
import AZS602 from '../../../../src/core/rules/AZS602';
import AZS603 from '../../../../src/core/rules/AZS603';
import AZS604 from '../../../../src/core/rules/AZS604';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { liveFrom } from '../support/live';
import { ruleTester } from '../support/ruleTester';

const add = (id = registrationId, who = customer) => `New-AzResource -ResourceId "${id}/customerSubscriptions/${who}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;
const remove = (who = customer) => `Remove-AzResource -ResourceId "${registrationId}/customerSubscriptions/${who}" -ApiVersion 2017-06-01 -Force`;
const signedOut = liveFrom({ registrations: {}, unknown: true });
const payg = liveFrom({ registrations: { reg1: { billingModel: 'PayAsYouUse', tenants: [customer.toUpperCase()] } } });
const capacity = liveFrom({ registrations: { reg1: { billingModel: 'Capacity' } } });
const none = liveFrom({ registrations: {} });

ruleTester(AZS601, {
  valid: [
    { name: 'no live data: nothing is said', kind: 'powershell', code: add() },
    { name: 'signed out', kind: 'powershell', code: add(), live: signedOut },
    { name: 'the registration exists', kind: 'powershell', code: add(), live: payg },
    { name: 'a variable subscription is not looked up', kind: 'powershell', code: `param($sub)\n${add(registrationId.replace(subscription, '$sub'))}`, live: none },
  ],
  invalid: [{
    name: 'no such registration in the subscription', kind: 'powershell', live: none,
    code: add(registrationId.replace('reg1', '<!reg1!>')),
    errors: [{ message: `Subscription ${subscription} has no registration 'reg1' in resource group 'azurestack' (checked in Azure); Azure would answer RegistrationNotFound.` }],
  }],
});

ruleTester(AZS602, {
  valid: [
    { name: 'PayAsYouUse in Azure', kind: 'powershell', code: add(), live: payg },
    { name: 'removing from a Capacity registration is not adding', kind: 'powershell', code: remove(), live: capacity },
    { name: 'signed out', kind: 'powershell', code: add(), live: signedOut },
  ],
  invalid: [{
    name: 'Capacity in Azure', kind: 'http', live: capacity,
    code: `PUT <!https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01!>\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}"}}\n`,
    errors: [{ message: "In Azure, registration 'reg1' uses the Capacity billing model; it takes no tenants, so Azure would answer CustomerSubscriptionsNotAllowed." }],
  }],
});

ruleTester(AZS603, {
  valid: [
    { name: 'the tenant is there (IDs compare case-insensitively)', kind: 'powershell', code: remove(), live: payg },
    { name: 'adding is not removing', kind: 'powershell', code: add(registrationId, '11111111-2222-4333-8444-555555555555'), live: payg },
  ],
  invalid: [{
    name: 'removing a tenant the registration does not have', kind: 'powershell', live: payg,
    code: `Remove-AzResource -ResourceId "${registrationId}/customerSubscriptions/<!11111111-2222-4333-8444-555555555555!>" -ApiVersion 2017-06-01 -Force`,
    errors: [{ message: "Customer subscription 11111111-2222-4333-8444-555555555555 is not in registration 'reg1' (checked in Azure); Azure would answer CustomerSubscriptionNotFound." }],
  }],
});

ruleTester(AZS604, {
  valid: [
    { name: 'a new tenant', kind: 'powershell', code: add(registrationId, '11111111-2222-4333-8444-555555555555'), live: payg },
    { name: 'signed out', kind: 'powershell', code: add(), live: signedOut },
  ],
  invalid: [{
    name: 'already there', kind: 'powershell', live: payg,
    code: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/<!${customer}!>" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`,
    errors: [{ message: `Customer subscription ${customer} is already in registration 'reg1' (checked in Azure); adding it again replaces its tenant ID.` }],
  }],
});
