// The meter catalogue's billing facts and the mapping file that overrides them.
import * as assert from 'node:assert/strict';
import { MeterBook, readMeterMapping, readMeterMappingValue } from '../../../../src/core/usage/meterBilling';
import { decodeText } from '../../../../src/core/encoding';

const base = 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5';
const vmSizeHours = '6DAB500F-A4FD-49C4-956D-229BB9C8C793';
const appService = '190c935e-9ada-48ff-9ab8-56ea1cf9adaa';
const unknown = '0e9d0c9b-ffff-4312-9c7e-3794e22af9c4';

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
  return bytes;
}

describe('core/usage/meterBilling', () => {
  it('says which catalogue meters Microsoft bills, and as which commerce meter', () => {
    const book = new MeterBook();
    const facts = (id: string) => {
      const f = book.facts(id);
      return [f.name, f.billedBy, f.commerce?.id, f.commerce?.names[0]];
    };
    assert.deepEqual(facts(base.toLowerCase().replace(/-/g, '')), ['Base VM Size Hours', 'microsoft', undefined, 'Base VM'], 'found without hyphens and case');
    assert.deepEqual(facts(vmSizeHours), ['VM size hours', 'local', undefined, undefined], 'VM size hours count no cores: informational');
    assert.match(book.facts(vmSizeHours).why.en, /informational/);
    assert.deepEqual(facts(appService), ['App Service Virtual core hours', 'microsoft', appService, 'App Service'], "App Service's local ID is the commerce ID");
    assert.deepEqual([book.facts(unknown).known, book.facts(unknown).billedBy, book.facts(unknown).name], [false, 'unknown', unknown], 'an unknown meter is kept by its ID');
  });

  it('lets later mapping entries override earlier ones and the catalogue, field by field', () => {
    const file = readMeterMapping(`// a comment, as JSONC allows
      {"meters": [
        {"meter": "VM\u00a0size hours", "billedByMicrosoft": true, "commerceMeterName": ["VM hours"]},
        {"meter": "${unknown}", "name": "GPU hours", "unit": "1 Hour"},
      ]}`);
    assert.deepEqual(file.problems, []);
    // The setting's entries come after the file's and win.
    const setting = readMeterMappingValue([{ meter: `{${unknown.toUpperCase()}}`, billedByMicrosoft: false }]);
    const book = new MeterBook([...file.entries, ...setting.entries]);
    const vm = book.facts(vmSizeHours);
    assert.deepEqual([vm.billedBy, vm.commerce?.names, vm.source], ['microsoft', ['VM hours'], 'mapping']);
    const gpu = book.facts(unknown);
    assert.deepEqual([gpu.known, gpu.name, gpu.unit?.en, gpu.billedBy], [true, 'GPU hours', '1 Hour', 'local']);
    assert.equal(book.meterNamed('gpu hours'), unknown.replace(/-/g, '').toLowerCase(), 'a resale list may name the meter by its mapped name');
  });

  it('reads a mapping file saved as UTF-16 with a byte order mark, and names what it cannot use', () => {
    const text = decodeText(utf16le(`{"meters": [{"meter": "${unknown}", "billedByMicrosoft": false}]}`));
    assert.equal(readMeterMapping(text).entries.length, 1);
    assert.deepEqual(readMeterMapping('{"meters": [').problems.map((p) => p.at), ['']);
    assert.match(readMeterMapping('{"mappings": []}').problems[0]?.message.en ?? '', /Expected \{"meters"/);
    assert.deepEqual(readMeterMappingValue([{ meter: 'Nonsense hours' }, 'not an entry']).problems.map((p) => p.at), ['meters[0].meter', 'meters[1]']);
  });
});
