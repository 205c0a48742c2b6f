/**
 * The stylesheets are plain CSS: a rule never sits inside another rule, only inside @media or
 * @supports. A brace left open by a merge otherwise nests every later rule under the unclosed
 * selector, and the browser silently drops them all (the phone layout once vanished that way).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postcss, { type ChildNode } from 'postcss';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? cssFiles(p) : e.name.endsWith('.css') ? [p] : [];
  });
}

/** Selectors of rules that hold another rule. */
function nestedRules(nodes: ChildNode[] | undefined, inRule: string | null, out: string[]): void {
  for (const n of nodes ?? []) {
    if (n.type === 'rule') {
      if (inRule !== null) out.push(`${n.selector.replace(/\s+/g, ' ')} (line ${n.source?.start?.line}) inside ${inRule}`);
      nestedRules(n.nodes, n.selector.replace(/\s+/g, ' '), out);
    } else if (n.type === 'atrule') nestedRules(n.nodes, inRule, out);
  }
}

describe('stylesheets', () => {
  const files = cssFiles(SRC);
  it('are there to check', () => expect(files.length).toBeGreaterThan(5));
  it.each(files.map((f) => [path.relative(SRC, f), f]))('%s parses and nests no rule inside another', (_name, file) => {
    const root = postcss.parse(readFileSync(file, 'utf8'), { from: file });
    const nested: string[] = [];
    nestedRules(root.nodes, null, nested);
    expect(nested).toEqual([]);
  });
});
