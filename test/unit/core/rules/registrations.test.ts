import * as assert from 'node:assert/strict';
import type { RegistrationRef, Value } from '../../../../src/core/facts';
import { ByRef } from '../../../../src/core/rules/registrations';

const value = (text: string): Value => ({ text, segments: [{ text }], span: { start: 0, end: 0 } });

describe('rules/registrations', () => {
  it('works a result out once per way of writing a reference, whatever was asked just before', () => {
    const worked: string[] = [];
    const byRef = new ByRef((ref: RegistrationRef) => {
      const written = [ref.name, ref.resourceGroup, ref.subscriptionId].map((part) => part?.text ?? '-').join('|');
      worked.push(written);
      return written;
    });
    const refs: RegistrationRef[] = [
      { name: value('reg1') }, { name: value('reg1') }, { name: value('reg1'), resourceGroup: value('rg') }, { name: value('reg2') },
      { name: value('reg1') }, { subscriptionId: value('reg1') }, { name: value('reg1'), resourceGroup: value('rg') },
    ];
    assert.deepEqual(refs.map((ref) => byRef.get(ref)), ['reg1|-|-', 'reg1|-|-', 'reg1|rg|-', 'reg2|-|-', 'reg1|-|-', '-|-|reg1', 'reg1|rg|-']);
    assert.deepEqual(worked, ['reg1|-|-', 'reg1|rg|-', 'reg2|-|-', '-|-|reg1']);
  });
});
