// The language registry: every file extension and VS Code language id belongs to one language, and the lookups the
// editor and the CLI use agree with the entries.
import * as assert from 'node:assert/strict';
import { documentKindFor, fileExtensions, languageIds, languages } from '../../../src/core/languages/index';

describe('language registry', () => {
  it('gives each file extension and language id to one language only', () => {
    assert.equal(new Set(fileExtensions).size, fileExtensions.length, fileExtensions.join(' '));
    assert.equal(new Set(languageIds).size, languageIds.length, languageIds.join(' '));
    assert.equal(new Set(languages.map((l) => l.kind)).size, languages.length);
  });

  it('reads each extension, in any case, and each language id as its language', () => {
    for (const language of languages) {
      for (const extension of language.extensions) {
        assert.equal(documentKindFor(`folder.v2/Name.${extension.toUpperCase()}`), language.kind, extension);
        assert.match(extension, /^[a-z0-9]+$/);
      }
      for (const id of language.languageIds) assert.equal(documentKindFor('Untitled-1', id), language.kind, id);
    }
  });

  it('lets the language id win over the file name, and falls back to the name for ids it does not read', () => {
    assert.equal(documentKindFor('settings.json', 'powershell'), 'powershell');
    assert.equal(documentKindFor('script.sh', 'plaintext'), 'shell');
    assert.equal(documentKindFor('notes.txt', 'plaintext'), undefined);
  });
});
