// Rewrites the generated table of docs/source-lines.md from src/engine/trace/source-lines.ts.
// `--check` only reports whether the file is up to date (exit 1 when it is not).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withFreshTable } from '../src/engine/trace/source-lines-doc';

const file = path.resolve(import.meta.dirname, '../docs/source-lines.md');
const doc = readFileSync(file, 'utf8');
const fresh = withFreshTable(doc);
if (fresh === null) {
  console.error(`${file}: the generated-part markers are missing (see src/engine/trace/source-lines-doc.ts)`);
  process.exit(2);
}
if (process.argv.includes('--check')) {
  if (fresh !== doc) {
    console.error(`${file} is stale: run npm run docs:source-lines`);
    process.exit(1);
  }
  console.log(`${file} is up to date`);
} else if (fresh !== doc) {
  writeFileSync(file, fresh);
  console.log(`wrote ${file}`);
} else {
  console.log(`${file} was already up to date`);
}
