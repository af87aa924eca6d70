import * as assert from 'node:assert/strict';
import { allowsTenants } from '../../../src/core/azureStack';
import { decideAdd } from '../../../src/core/tenantAdd';

const directory = '21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const other = '4f1e2d3c-b4a5-4968-8776-a5b4c3d2e1f0';

describe('core/tenantAdd: what adding a customer subscription would do', () => {
  it('adds one that is absent', () => {
    assert.deepEqual(decideAdd(undefined, directory), { kind: 'add' });
  });

  it('sends nothing for one that is there with the same directory, in any letter case, or with none shown', () => {
    assert.deepEqual(decideAdd({ tenantId: directory.toUpperCase() }, directory), { kind: 'present' });
    assert.deepEqual(decideAdd({ tenantId: undefined }, directory), { kind: 'present' });
  });

  it('names the directory a PUT would replace', () => {
    assert.deepEqual(decideAdd({ tenantId: other }, directory), { kind: 'otherDirectory', presentTenantId: other });
  });
});

describe('core/azureStack: which registrations take tenants', () => {
  it('is PayAsYouUse only, in any letter case', () => {
    assert.deepEqual(['PayAsYouUse', 'payasyouuse', 'Capacity', 'Development', 'Custom', 'Ruggedized', '', undefined].map(allowsTenants),
      [true, true, false, false, false, false, false, false]);
  });
});
