import { describe, expect, it } from 'vitest';
import { iomemRange as hexRange } from '../common/number-format';
import { buildTreeRows } from './tree-rows';
import { scenarioStates } from './test-states';

const brief = (rows: ReturnType<typeof buildTreeRows>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.kind} ${r.name} ${hexRange(r.start, r.end)}${r.freedNow ? ' (freed now)' : ''}`);

describe('buildTreeRows', () => {
  it('lists the children of the root in /proc/iomem order with their depth', () => {
    const states = scenarioStates('notes/s6-pmem-no-altmap.json', 'rfc-v1');
    expect(brief(buildTreeRows(states[1]!, states[0]!))).toEqual([
      'entry System RAM 00001000-0009fbff',
      'entry System RAM 00100000-bfffffff',
      'entry System RAM 100000000-13fffffff',
      'entry Persistent Memory 140000000-17fffffff',
      '  entry namespace0.0 140000000-17fffffff',
    ]);
  });

  it('draws an entry freed while its driver still owns it as one ghost row where it was', () => {
    const states = scenarioStates('notes/s6-pmem-no-altmap.json', 'rfc-v1');
    const rows = buildTreeRows(states[3]!, states[2]!);
    expect(brief(rows).slice(3)).toEqual(['entry Persistent Memory 140000000-17fffffff', '  ghost namespace0.0 140000000-17fffffff (freed now)']);
    expect(rows[4]!.ghost).toMatchObject({ freedBy: '__remove_pages', freedAtStep: 3, heldBy: 'pmem0' });
    expect(rows[4]!.flags).toBe(0x80000200);
  });

  it('keeps a ghost of an earlier step beside, not inside, the BUSY entry now holding its range', () => {
    const states = scenarioStates('notes/s5-hmm-public-then-other-driver.json', 'rfc-v1');
    const rows = buildTreeRows(states[3]!, states[2]!);
    expect(brief(rows).slice(2)).toEqual(['entry nic1-bar 3ffff0000000-3fffffffffff', 'ghost gpu0 CDM 3ffff0000000-3fffffffffff']);
    expect(rows[3]!.flags).toBeNull();
  });

  it('strikes out an entry its own driver released as a freed row, not a ghost', () => {
    const states = scenarioStates('notes/s5-hmm-private.json', 'rfc-v1');
    expect(brief(buildTreeRows(states[2]!, states[1]!)).at(-1)).toBe('freed gpu0 3ffff0000000-3fffffffffff (freed now)');
  });
});
