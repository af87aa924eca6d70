import * as assert from 'node:assert/strict';
import { configProblems, configuredSeverity } from '../../../src/core/config';

describe('core/config', () => {
  it('gives exact codes precedence over globs, and the last matching glob otherwise', () => {
    const config = { 'AZS4*': 'off', azs402: 'hint', '*': 'warning', 'AZS1?1': 'error' } as const;
    assert.equal(configuredSeverity('AZS402', config), 'hint');
    assert.equal(configuredSeverity('AZS401', config), 'warning');
    assert.equal(configuredSeverity('AZS101', config), 'error');
    assert.equal(configuredSeverity('AZS701', { AZS101: 'off' }), undefined);
    assert.equal(configuredSeverity('AZS701', undefined), undefined);
  });

  it('names what is wrong with a configuration', () => {
    assert.deepEqual(configProblems({ AZS402: 'off', 'AZS4*': 'hint' }, 'en'), []);
    assert.deepEqual(configProblems({ AZS999: 'off', AZS101: 'fatal', AZS102: 3 }, 'en'), [
      '"AZS999" names no rule (rules are AZS101…AZS701; globs such as "AZS4*" are allowed)',
      '"AZS101": "fatal" is not one of error, warning, information, hint, off',
      '"AZS102": 3 is not one of error, warning, information, hint, off',
    ]);
    assert.equal(configProblems(['AZS101'], 'en').length, 1);
    assert.equal(configProblems(null, 'en').length, 1);
  });

  it('names it in Swedish', () => {
    assert.deepEqual(configProblems({ AZS999: 'off', AZS101: 'fatal' }, 'sv'), [
      '"AZS999" namnger ingen regel (reglerna är AZS101…AZS701; globmönster som "AZS4*" går bra)',
      '"AZS101": "fatal" är inte något av error, warning, information, hint, off',
    ]);
    assert.deepEqual(configProblems(null, 'sv'), ['konfigurationen ska vara ett JSON-objekt som mappar regelkoder till allvarlighetsgrader']);
  });
});
