import * as assert from 'node:assert/strict';
import { findMeter, meterCatalog, meterKey } from '../../../../src/core/usage/meters';

describe('core/usage/meters', () => {
  it('holds every published meter once, each ID 32 hex digits once normalised', () => {
    assert.ok(meterCatalog.size >= 84, `${meterCatalog.size} meters`);
    for (const [key, meter] of meterCatalog) {
      assert.match(key, /^[0-9a-f]{32}$/, meter.name);
      assert.equal(meterKey(meter.id), key);
    }
  });

  it('finds a meter however the stamp spells its ID, and knows which meters are vCore hours', () => {
    assert.equal(findMeter('{fab6eb84-500b-4a09-a8ca-7358f8bbaea5}')?.name, 'Base VM Size Hours');
    assert.equal(findMeter('F271A8A3-88C4-4D93-956A-063E1D2FA80B')?.name, 'Static IP Address Usage');
    const vCore = [...meterCatalog.values()].filter((m) => m.vCoreHours).map((m) => m.name).sort();
    assert.deepEqual(vCore, ['App Service Virtual core hours', 'Base VM Size Hours', 'Windows VM Size Hours']);
    assert.equal(findMeter('00000000-0000-0000-0000-000000000000'), undefined);
  });
});
