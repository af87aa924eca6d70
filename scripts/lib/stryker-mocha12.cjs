// Loaded (--require) into Stryker's test runner processes only, so that @stryker-mutator/mocha-runner 9 works with
// mocha 12. The runner loads mocha's CLI helpers by their pre-12 names (`mocha/lib/cli/options`, `…/run-helpers`,
// `…/collect-files`, resolved as `.js`); mocha 12 ships them as `.cjs`. Letting extensionless requires also find a
// `.cjs` file is all it needs: Node already loads `.cjs` files with the `.js` loader, so nothing else changes.
const Module = require('node:module');

if (!Module._extensions['.cjs']) Module._extensions['.cjs'] = Module._extensions['.js'];
