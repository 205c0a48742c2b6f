import { useMemo } from 'react';
import { type BlockSizeRule, memoryBlockSizeRule } from '../../engine/mm/block-size-rule';
import { toMachineInput } from '../../scenario/machine-input';
import { useApp } from '../../state/store-context';

/** The block size the scenario's machine boots with, and why; recomputed only when the machine or config changes. */
export function useBlockSize(): BlockSizeRule {
  const machine = useApp((s) => s.scenario.machine);
  const blockSize = useApp((s) => s.scenario.config.block_size);
  return useMemo(() => memoryBlockSizeRule(toMachineInput(machine), { block_size: blockSize }), [machine, blockSize]);
}
