// Finds every string the extension shows through vscode.l10n.t(...) by reading the TypeScript sources with the
// TypeScript compiler, so the English bundle and the Swedish translation can be checked against the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** Is `node` a call of `l10n.t` (as `vscode.l10n.t` or an imported `l10n.t`)? */
function isL10nCall(node) {
  return ts.isCallExpression(node)
    && ts.isPropertyAccessExpression(node.expression)
    && node.expression.name.text === 't'
    && /(^|\.)l10n$/.test(node.expression.expression.getText());
}

/** Every message key used in src/vscode, with the files that use it; non-literal keys are reported as problems. */
export function extractMessages(folder = join(root, 'src', 'vscode')) {
  const messages = new Map();
  const problems = [];
  for (const file of sourceFiles(folder)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (isL10nCall(node)) {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          messages.set(first.text, [...(messages.get(first.text) ?? []), file]);
        } else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          problems.push(`${file}:${line + 1}: l10n.t needs a literal message, got ${first?.getText() ?? 'nothing'}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, problems };
}

export const bundlePaths = {
  english: join(root, 'l10n', 'bundle.l10n.json'),
  swedish: join(root, 'l10n', 'bundle.l10n.sv.json'),
};
