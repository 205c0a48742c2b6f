/**
 * The engine boots from a MachineInput; a scenario that names no machine means the built-in
 * one, which is only text until it is parsed here. Kept apart from parsing so that the
 * serialised scenario still says "default" rather than spelling the whole tree out.
 */
import type { MachineInput } from '../engine/ops';
import { DEFAULT_MACHINE_IOMEM } from './default-machine';
import { parseIomemText } from './iomem-text';
import type { MachineSpec } from './types';

export function toMachineInput(spec: MachineSpec): MachineInput {
  switch (spec.kind) {
    case 'iomem': {
      const input: MachineInput = { kind: 'iomem', entries: spec.entries };
      if (spec.zoneinfo) input.zoneinfo = spec.zoneinfo.zones;
      if (spec.nodes) input.nodes = spec.nodes;
      return input;
    }
    case 'ram':
      return { kind: 'ram', ram: spec.ram };
    case 'default': {
      const parsed = parseIomemText(DEFAULT_MACHINE_IOMEM);
      if (!parsed.ok) throw new Error(`the built-in machine does not parse: ${parsed.errors.join('; ')}`);
      return { kind: 'iomem', entries: parsed.entries };
    }
  }
}
