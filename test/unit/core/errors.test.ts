import * as assert from 'node:assert/strict';
import { errorCatalog, errorCodes, findErrorCodes, isErrorCode } from '../../../src/core/errors';

describe('core/errors', () => {
  it('describes each of the eight documented codes in English and Swedish', () => {
    assert.equal(errorCodes.length, 8);
    for (const code of errorCodes) {
      const info = errorCatalog[code];
      assert.equal(info.code, code);
      for (const text of [info.cause, info.remedy]) {
        assert.ok(text.en.length > 20 && text.sv.length > 20, `${code} has both languages`);
        assert.notEqual(text.en, text.sv);
      }
    }
  });

  it('finds codes in free text and nothing in look-alikes', () => {
    const text = 'Error: {"code":"CustomerSubscriptionsNotAllowed"} then RegistrationNotFound; RegistrationNotFoundX is not one';
    assert.deepEqual(findErrorCodes(text).map((f) => f.code), ['CustomerSubscriptionsNotAllowed', 'RegistrationNotFound']);
    assert.equal(isErrorCode('InvalidCSPSubscription'), true);
    assert.equal(isErrorCode('invalidcspsubscription'), false);
  });
});
