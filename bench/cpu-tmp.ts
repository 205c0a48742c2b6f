import { DEFAULT_CONFIG, type KernelId } from '../src/engine/ops';
import { runScenario } from '../src/engine/run';
import { toMachineInput } from '../src/scenario/machine-input';
import { heavyHotplugWorkload, hotplugWorkload } from './replay-workload';
const machine = toMachineInput({ kind: 'default' });
const kernel = (process.argv[2] ?? 'v5.5') as KernelId;
const which = process.argv[3] ?? 'light';
const ops = which === 'light' ? hotplugWorkload(10000) : heavyHotplugWorkload(2500);
const ts: number[] = [];
for (let r = 0; r < 5; r++) { const t0 = performance.now(); runScenario({ kernel, config: DEFAULT_CONFIG, machine, steps: ops }); ts.push(performance.now() - t0); }
console.log(which, 'min wall ms', Math.min(...ts).toFixed(0), 'median', ts.sort((a,b)=>a-b)[2]!.toFixed(0));
