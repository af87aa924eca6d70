import { lint } from '../core/lint';
import { readFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  for (const finding of lint(readFileSync(file, 'utf8'))) console.log(`${file}: ${finding.code} ${finding.message}`);
}
