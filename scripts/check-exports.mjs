#!/usr/bin/env node
/**
 * Fails on an export of src/ that no other file uses: a dead function or constant (remove
 * it) or one only its own file uses (drop the `export`). Types are left alone: a type in an
 * exported signature is part of that signature. src/index.ts, the public entry, counts as a
 * use of what it re-exports. `npm run lint` runs it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cfg = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram(cfg.fileNames, cfg.options);
const checker = program.getTypeChecker();
const files = program.getSourceFiles().filter((f) => f.fileName.startsWith(root + path.sep) && !f.fileName.includes('node_modules'));
const resolve = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

const usedElsewhere = new Set();
for (const f of files) {
  const visit = (n) => {
    if (ts.isIdentifier(n)) {
      const s = resolve(checker.getSymbolAtLocation(n));
      const decl = s?.declarations?.[0];
      if (decl && decl.getSourceFile() !== f) usedElsewhere.add(s);
    }
    ts.forEachChild(n, visit);
  };
  visit(f);
}

const problems = [];
for (const f of files) {
  const rel = path.relative(root, f.fileName);
  if (!rel.startsWith('src' + path.sep) || /\.test\.|test-support|test-states/.test(rel) || rel === path.join('src', 'index.ts')) continue;
  const module = checker.getSymbolAtLocation(f);
  if (!module) continue;
  for (const e of checker.getExportsOfModule(module)) {
    const s = resolve(e);
    if (usedElsewhere.has(s) || !(s.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Class))) continue;
    let uses = 0;
    const count = (n) => {
      if (ts.isIdentifier(n) && n.text === e.name) uses++;
      ts.forEachChild(n, count);
    };
    count(f);
    problems.push(`${rel}: ${e.name} is exported but ${uses > 1 ? 'only used in its own file (drop the export)' : 'used nowhere (remove it)'}`);
  }
}
for (const p of problems) console.error(p);
if (problems.length) process.exit(1);
