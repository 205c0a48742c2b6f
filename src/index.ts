/**
 * Hotplug Explorer without the page: what a program needs to read a scenario, replay it
 * under a kernel, read and format a state, compare two kernels and share the result as a
 * link, and run many scenarios under every kernel at once (the review matrix). The command
 * line, `npm run bench` and `npm run fuzz` use only this module.
 *
 *   const read = parseScenario(readFileSync('scenario.json', 'utf8'));
 *   if (!read.ok) throw new Error(read.errors.join('\n'));
 *   const s = read.scenario;
 *   const run = runScenario({ kernel: 'rfc-v1', config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
 *   console.log(formatIomem(stateAt(run, run.steps.length).iomem));
 */

// Read a scenario: a file, a /proc/iomem text, the built-in default
export { parseScenario, serializeScenario, SCENARIO_FORMAT, SCENARIO_VERSION, type ParseScenarioResult } from './scenario/schema';
export { parseIomemText, type IomemParseResult } from './scenario/iomem-text';
export { toMachineInput } from './scenario/machine-input';
export { looksLikeCapture, readMachineCapture, type CaptureRead } from './scenario/machine-capture';
export { DEFAULT_SCENARIO } from './scenario/default-scenario';
export type { MachineSpec, RamRange, Scenario } from './scenario/types';

// Replay it under a kernel
export { DEFAULT_CONFIG, KERNEL_IDS, ONLINE_POLICIES, OP_NAMES, type AltmapSpec, type KernelConfig, type KernelId, type MachineInput, type Op, type OnlineType } from './engine/ops';
export { runScenario, stateAt, stepTrace, type Run, type RunInput, type RunProgress, type StepResult } from './engine/run';
export { VARIANTS } from './engine/variants';
export { checkSwitches, customName, isCustom, kernelRef, parseKernelRef, presetOf, PRESETS, switchedFunctions, SWITCHES, type KernelRef, type SwitchChanges } from './engine/variants/switches';
export type { Variant } from './engine/kernel/kernel';
export type { KernelState } from './engine/state/kernel-state';
export { stateDigest } from './engine/state/state-digest';
export { MAX_PHYS_ADDR, NR_MEM_SECTIONS, PAGE_SIZE, SECTION_SIZE_BYTES } from './engine/arch';

// Read a state and format it
export { formatIomem } from './engine/format/proc-iomem';
export { formatZoneinfo } from './engine/format/proc-zoneinfo';
export { formatMemoryBlocks } from './engine/format/sys-memory';
export { formatFinding, formatStepLine, formatTrace, lastStepRun, reportAt, type Report } from './engine/report';
export type { Finding, FindingCode } from './engine/findings/finding-types';
export type { TraceNode } from './engine/trace/trace-types';
export { sourceLink, type SourceLink } from './engine/trace/source-links';
export { runView, stateView, stateViewAt } from './engine/views/run-view';
export type { RunView, StateView, StepView } from './engine/views/view-types';

// Compare two kernels
export { diffRuns, diffStep, formatDiff } from './engine/diff';
export { stepDiffers, type StepDiff } from './engine/views/step-diff';

// Every scenario under every kernel: the review matrix
export { cellMark, cellText, formatMatrix } from './engine/views/matrix-text';
export { matrixCell, reviewMatrix, type CellFinding, type CellOutcome, type MatrixCell, type MatrixRow, type MatrixRowInput, type ReviewMatrix } from './engine/matrix';

// Share it: links, and the exported images that carry one
export { decodeLink, encodeLink, type LinkRead, type LinkState } from './links/share-link';
export { absoluteLink, linkFromPng, linkFromSvg, PNG_LINK_KEYWORD, type ImageLinkRead } from './links/image-link';
export { readBaseUrl } from './links/base-url';
export { crc32, insertPngText } from './links/png-text';
export { SVG_LINK_ID, escapeXml } from './links/svg-link';
