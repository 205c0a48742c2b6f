/**
 * The scenarios of kernel-notes §11 (S1–S8 and their variants), as kept in
 * test-scenarios/notes/: the rows the review matrix always shows. Read at build time, so a
 * scenario added there appears in the matrix with no list to edit.
 */
import { parseScenario } from './schema';
import type { Scenario } from './types';

const FILES = import.meta.glob<unknown>('../../test-scenarios/notes/*.json', { eager: true, import: 'default' });

let parsed: readonly { id: string; scenario: Scenario }[] | null = null;

/**
 * `id` is the file's name without `.json`; in file order, which is S1 to S8. Parsed when first
 * asked for (the matrix is opened), not while the page starts.
 */
export function builtinScenarios(): readonly { id: string; scenario: Scenario }[] {
  return (parsed ??= Object.keys(FILES)
    .sort()
    .map((path) => {
      const id = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
      const read = parseScenario(JSON.stringify(FILES[path]));
      if (!read.ok) throw new Error(`the built-in scenario ${id} does not parse: ${read.errors.join('; ')}`);
      return { id, scenario: read.scenario };
    }));
}
