// A host test file with one passing and one failing test: the runner must report both and exit non-zero.
const assert = require('node:assert/strict');
const vscode = require('vscode');

describe('runner fixture', () => {
  it('passes', () => assert.ok(vscode.version));
  it('fails on purpose', () => assert.equal(1 + 1, 3));
});
