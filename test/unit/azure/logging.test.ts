import * as assert from 'node:assert/strict';
import { formatRequestLogEntry } from '../../../src/azure/logging';

describe('azure/logging', () => {
  it('formats one line per attempt for the output channel', () => {
    const base = { method: 'PUT', path: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/r/customerSubscriptions/c', durationMs: 41 };
    assert.equal(
      formatRequestLogEntry({ ...base, apiVersion: '2017-06-01', status: 201, correlationId: 'c0ffee00-0000-4000-8000-000000000001', requestId: 'r' }),
      `PUT ${base.path} (api-version 2017-06-01) → 201 in 41 ms [correlation c0ffee00-0000-4000-8000-000000000001]`,
    );
    assert.equal(
      formatRequestLogEntry({ ...base, apiVersion: undefined, status: undefined, correlationId: undefined, requestId: undefined, error: 'ECONNRESET' }),
      `PUT ${base.path} → failed: ECONNRESET in 41 ms`,
    );
  });
});
