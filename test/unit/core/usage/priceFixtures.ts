// The price files of test/fixtures/prices, written from the documented columns of each format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../../../src/core/encoding';

export const priceFixtures = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'prices');
export const readFixture = (name: string) => decodeText(readFileSync(join(priceFixtures, name)));
