/**
 * What each export writes and what it is called. The text files are the engine's own text
 * forms (the same as the command line's `replay --show iomem|zoneinfo|memory`); the scenario
 * file is serializeScenario's, with the step and kernel shown, so replaying it reproduces them.
 */
import { type KernelRef, presetOf } from '../../engine/variants/switches';
import { serializeScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';

export type ExportKind = 'iomem' | 'zoneinfo' | 'memory' | 'scenario' | 'png' | 'svg';

const SUFFIX: Record<ExportKind, string> = {
  iomem: 'iomem.txt',
  zoneinfo: 'zoneinfo.txt',
  memory: 'memory.txt',
  scenario: 'scenario.json',
  png: 'pfn-map.png',
  svg: 'pfn-map-iomem.svg',
};

export const MIME: Record<ExportKind, string> = {
  iomem: 'text/plain;charset=utf-8',
  zoneinfo: 'text/plain;charset=utf-8',
  memory: 'text/plain;charset=utf-8',
  scenario: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** e.g. hotplug-explorer-rfc-v1-step6-iomem.txt */
export function exportFileName(kernel: KernelRef, step: number, kind: ExportKind): string {
  return `hotplug-explorer-${kernel}-step${step}-${SUFFIX[kind]}`;
}

/** The scenario as a file that opens at the step shown, under the kernel shown. */
export function scenarioFileText(scenario: Scenario, kernel: KernelRef, step: number): string {
  return serializeScenario({ ...scenario, kernel: presetOf(kernel), cursor: step });
}

/** Hands a file to the browser's downloads (an <a download> on an object URL). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download reads the URL after this task ends; revoke it only once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
