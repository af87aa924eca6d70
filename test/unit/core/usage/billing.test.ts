import * as assert from 'node:assert/strict';
import { billedSubscriptionOf, billingFor, type RegistrationForBilling, type StampSubscription } from '../../../../src/core/usage/billing';

const contoso = 'c0c0c0c0-1111-4111-8111-11111111111a';
const fabrikam = 'fabf0000-2222-4222-8222-22222222222b';
const operator = '33333333-3333-4333-8333-333333333333';
const stampSubscription = (subscriptionId: string, tenantId: string): StampSubscription => ({ subscriptionId, displayName: subscriptionId, owner: 'owner@example.com', tenantId });
const contosoProd = stampSubscription('AAAAAAAA-0000-4000-8000-000000000001', contoso);
const contosoTest = stampSubscription('aaaaaaaa-0000-4000-8000-000000000002', contoso.toUpperCase());
const fabrikamDev = stampSubscription('aaaaaaaa-0000-4000-8000-000000000003', fabrikam);
const lab = stampSubscription('aaaaaaaa-0000-4000-8000-000000000004', operator);
const registration: RegistrationForBilling = {
  id: '/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub1',
  name: 'hub1', subscriptionId: 'dd8597b4-8739-4467-8b10-f8679f62bfbf', billingModel: 'PayAsYouUse',
  tenants: [
    { customerSubscriptionId: 'cccccccc-0000-4000-8000-00000000000c', tenantId: contoso.toUpperCase() },
    { customerSubscriptionId: 'f1111111-0000-4000-8000-00000000000f', tenantId: fabrikam },
    { customerSubscriptionId: 'f2222222-0000-4000-8000-00000000000f', tenantId: fabrikam.toUpperCase() },
  ],
};

describe('core/usage/billing', () => {
  describe('billingFor', () => {
    it('bills a directory added once to its customer subscription, whatever the case of the IDs', () => {
      const billing = billingFor([contosoProd, contosoTest], registration);
      const customer = { kind: 'customer', customerSubscriptionId: 'cccccccc-0000-4000-8000-00000000000c', registrationName: 'hub1' };
      assert.deepEqual([...billing], [[contosoProd.subscriptionId.toLowerCase(), customer], [contosoTest.subscriptionId, customer]]);
    });

    it('names every customer subscription that claims a directory added more than once, in their order', () => {
      assert.deepEqual(billingFor([fabrikamDev], registration).get(fabrikamDev.subscriptionId), {
        kind: 'ambiguous', customerSubscriptionIds: ['f1111111-0000-4000-8000-00000000000f', 'f2222222-0000-4000-8000-00000000000f'], registrationName: 'hub1',
      });
    });

    it('bills a directory not added to the registration to the registration\'s own subscription', () => {
      assert.deepEqual(billingFor([lab], registration).get(lab.subscriptionId), {
        kind: 'unregisteredDirectory', billedSubscriptionId: registration.subscriptionId, registrationName: 'hub1',
      });
      assert.deepEqual(billingFor([contosoProd], { ...registration, tenants: [] }).get(contosoProd.subscriptionId.toLowerCase())?.kind, 'unregisteredDirectory');
    });

    it('bills nothing per customer under another billing model, and takes PayAsYouUse in any case', () => {
      assert.deepEqual(billingFor([contosoProd], { ...registration, billingModel: 'Capacity' }).get(contosoProd.subscriptionId.toLowerCase()), {
        kind: 'notPayAsYouUse', billingModel: 'Capacity', registrationName: 'hub1',
      });
      assert.equal(billingFor([contosoProd], { ...registration, billingModel: 'payasyouuse' }).get(contosoProd.subscriptionId.toLowerCase())?.kind, 'customer');
    });

    it('says so for every subscription when the stamp has no registration', () => {
      assert.deepEqual([...billingFor([lab, fabrikamDev], undefined).values()], [{ kind: 'noRegistration' }, { kind: 'noRegistration' }]);
      assert.equal(billingFor([], registration).size, 0);
    });
  });

  describe('billedSubscriptionOf', () => {
    it('names the Azure subscription only where one is billed', () => {
      assert.equal(billedSubscriptionOf({ kind: 'customer', customerSubscriptionId: 'c', registrationName: 'r' }), 'c');
      assert.equal(billedSubscriptionOf({ kind: 'unregisteredDirectory', billedSubscriptionId: 'b', registrationName: 'r' }), 'b');
      assert.equal(billedSubscriptionOf({ kind: 'ambiguous', customerSubscriptionIds: ['c1', 'c2'], registrationName: 'r' }), undefined);
      assert.equal(billedSubscriptionOf({ kind: 'notPayAsYouUse', billingModel: 'Capacity', registrationName: 'r' }), undefined);
      assert.equal(billedSubscriptionOf({ kind: 'noRegistration' }), undefined);
    });
  });
});
