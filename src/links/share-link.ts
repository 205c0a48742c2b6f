/**
 * The address-bar form of what is shown: scenario, kernel(s), step and view, in the URL
 * fragment, versioned and compressed. Reading never throws: a link that cannot be read
 * says what is wrong, so the page can show it and open the default scenario instead.
 */
// lz-string is CommonJS: Node's ESM loader gives only its default export.
import LZString from 'lz-string';
import { KERNEL_IDS, type KernelId } from '../engine/ops';
import { checkSwitches, isCustom, kernelRef, type KernelRef, presetOf, readSwitchList, SWITCH_NAMES, switchesOf } from '../engine/variants/switches';
import { parseScenario, serializeScenario } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import { decodeAnswers, encodeAnswers, type LinkAnswer } from './answers-field';

/** the format encodeLink writes; docs/scenario-format.md §4 says what each version holds */
const LINK_VERSION = 2;
/** the versions decodeLink reads: older ones through their migration */
const READ_VERSIONS = [1, 2] as const;
const VIEWS = ['explore', 'compare'] as const;
export type ViewName = (typeof VIEWS)[number];
/** the single views an embed (`embed=<view>`) can show */
export const EMBED_VIEWS = ['map', 'tree', 'trace', 'zones', 'findings', 'iomem'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
/** the state tabs (tables and texts) below the views; a link without `t=` opens the first */
export const STATE_TABS = ['zones', 'blocks', 'log', 'iomem', 'zoneinfo', 'memory', 'edit', 'scenario'] as const;
export type StateTab = (typeof STATE_TABS)[number];

/** A fragment that is a link (rather than an anchor such as `#main`): encodeLink writes `v=` first, and a link cut short of it still holds its scenario. */
export function isLinkFragment(hash: string): boolean {
  const raw = hash.replace(/^#/, '');
  return raw.startsWith('v=') || /(^|&)s=/.test(raw);
}

export interface LinkState {
  scenario: Scenario;
  /** a named kernel or a custom one (its preset travels in `k` or `c`, its switches in `x=`) */
  kernel: KernelRef;
  compare: KernelRef | null;
  step: number;
  view: ViewName;
  /** the guided lesson shown with the scenario (`lesson=<id>`); readers that predate lessons ignore it */
  lesson?: string;
  /** presentation mode for a projector (`mode=present`) */
  present?: boolean;
  /** a read-only page showing one view (`embed=<view>`) */
  embed?: EmbedView;
  /** the state tab open (`t=`); absent: the first */
  tab?: StateTab;
  /** a lesson's answered predictions, each with the grade it got (`a=`) */
  answers?: LinkAnswer[];
  /** the review matrix open above the views (`m=1`, format 2 on) */
  matrix?: boolean;
}

/** What a version-1 link could say: everything but what format 2 added (the matrix, custom kernels). */
export type LinkStateV1 = Omit<LinkState, 'matrix' | 'kernel' | 'compare'> & { kernel: KernelId; compare: KernelId | null };

/** A custom kernel's switches as `x=` writes them: "name-value" pairs joined by ".", in table order. */
function switchesField(ref: KernelRef): string {
  const sw = switchesOf(ref);
  return SWITCH_NAMES.filter((n) => sw[n] !== undefined).map((n) => `${n}-${sw[n]}`).join('.');
}

/**
 * `x=`: the switches of the kernel in `k`, then, if the compared kernel is custom too, `*` and
 * its switches (applied to the preset in `c`). Only letters, digits, `_`, `-`, `.` and `*`,
 * which a URL leaves as they are.
 */
function encodeCustom(kernel: KernelRef, compare: KernelRef | null): string | null {
  const c = compare && isCustom(compare) ? switchesField(compare) : '';
  if (!isCustom(kernel) && !c) return null;
  return c ? `${switchesField(kernel)}*${c}` : switchesField(kernel);
}

/** Reads `x=` onto the presets `k` and `c` named, or says what is wrong with it. */
function decodeCustom(x: string, kernel: KernelId, compare: KernelId | null): { kernel: KernelRef; compare: KernelRef | null } | string {
  const bad = (why: string) => `This link's custom kernel ("x=${x.slice(0, 80)}") ${why}.`;
  if (!/^[a-z0-9_.\-*]{1,400}$/.test(x)) return bad('holds characters a custom kernel\'s switches never have');
  const parts = x.split('*');
  if (parts.length > 2) return bad('has more than two parts (the kernel shown, then the one compared)');
  if (parts.length === 2 && compare === null) return bad('sets switches of a compared kernel, but the link compares with none ("c=")');
  const read = (part: string, preset: KernelId): { ref: KernelRef } | { error: string } => {
    if (!part) return { ref: preset };
    const sw = readSwitchList(part.split('.').map((it) => it.replace('-', '=')));
    if (typeof sw === 'string') return { error: bad(`cannot be read: ${sw}`) };
    const why = checkSwitches(preset, sw);
    return why ? { error: bad(`cannot run on ${preset}: ${why}`) } : { ref: kernelRef(preset, sw) };
  };
  const k = read(parts[0]!, kernel);
  if ('error' in k) return k.error;
  if (parts.length < 2) return { kernel: k.ref, compare };
  const c = read(parts[1]!, compare!);
  if ('error' in c) return c.error;
  return { kernel: k.ref, compare: c.ref };
}

/**
 * A version-1 link's state in today's form. Format 2 only added fields, so a v1 link
 * opens as it did: with the matrix closed. A field that format 2 reads (`m=`) but a
 * v1 link happens to carry was never part of v1 and is not read from it.
 */
export function migrateV1(v1: LinkStateV1): LinkState {
  const { scenario, kernel, compare, step, view, lesson, present, embed, tab, answers } = v1;
  return {
    scenario,
    kernel,
    compare,
    step,
    view,
    ...(lesson !== undefined ? { lesson } : {}),
    ...(present !== undefined ? { present } : {}),
    ...(embed !== undefined ? { embed } : {}),
    ...(tab !== undefined ? { tab } : {}),
    ...(answers !== undefined ? { answers } : {}),
  };
}

/** `notes`: what was read differently from what the link asked, for the page to say */
export type LinkRead = { ok: true; state: LinkState; notes?: string[] } | { ok: false; error: string } | { ok: 'empty' };

export function encodeLink(s: LinkState): string {
  const params = new URLSearchParams();
  params.set('v', String(LINK_VERSION));
  params.set('k', presetOf(s.kernel));
  if (s.compare) params.set('c', presetOf(s.compare));
  params.set('n', String(s.step));
  if (s.view !== 'explore') params.set('view', s.view);
  if (s.lesson) params.set('lesson', s.lesson);
  if (s.present) params.set('mode', 'present');
  if (s.embed) params.set('embed', s.embed);
  if (s.tab && s.tab !== STATE_TABS[0]) params.set('t', s.tab);
  if (s.answers?.length) params.set('a', encodeAnswers(s.answers));
  if (s.matrix) params.set('m', '1');
  const x = encodeCustom(s.kernel, s.compare);
  if (x) params.set('x', x);
  params.set('s', LZString.compressToEncodedURIComponent(serializeScenario(s.scenario)));
  return '#' + params.toString();
}

/** What compressToEncodedURIComponent() writes; URLSearchParams reads its "+" back as a space. */
const PACKED_CHARS = /^[A-Za-z0-9+\-$ ]*$/;
/** Far longer than any scenario's link; past it, decompressing costs time and memory for nothing. */
const MAX_PACKED = 200_000;

/**
 * The longest link the page offers to share, in characters of its fragment: 32 KiB. Browsers
 * open much longer ones (the fragment never reaches a server), but links are pasted into chat,
 * mail and issue trackers, which cut or refuse long ones; past this the page offers the file.
 * The project's choice, documented in docs/scenario-format.md §4.
 */
export const SHARE_LINK_LIMIT = 32 * 1024;

/** How long the link that opens a scenario at a step is, and whether it is short enough to share. */
export function shareLinkSize(scenario: Scenario, step: number): { length: number; fits: boolean } {
  const length = encodeLink({ scenario: { ...scenario, cursor: step }, kernel: scenario.kernel, compare: null, step, view: 'explore' }).length;
  return { length, fits: length <= SHARE_LINK_LIMIT };
}

/**
 * The scenario text in `s=`, or what is wrong with it. lz-string reads any string: outside
 * its alphabet it decodes garbage, and some damaged input makes it throw a TypeError
 * instead of returning null, so both are caught here.
 */
function decompressScenario(packed: string): string | { damage: string } {
  if (packed.length > MAX_PACKED) return { damage: `it is ${packed.length.toLocaleString('en-US')} characters long, more than any scenario's link` };
  if (!PACKED_CHARS.test(packed)) {
    const bad = [...packed].find((c) => !PACKED_CHARS.test(c))!;
    return { damage: `it holds ${JSON.stringify(bad)}, a character a Hotplug Explorer link never has` };
  }
  let text: string | null;
  try {
    text = LZString.decompressFromEncodedURIComponent(packed);
  } catch {
    text = null;
  }
  return text ? text : { damage: 'it does not decompress' };
}

export function decodeLink(hash: string): LinkRead {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { ok: 'empty' };
  const p = new URLSearchParams(raw);
  const v = p.get('v');
  if (v === null) return { ok: false, error: 'This link has no format version ("v="): it was not made by Hotplug Explorer or was cut short.' };
  if (!/^\d+$/.test(v)) return { ok: false, error: `This link's format version "${v}" is not a number.` };
  const version = Number(v);
  const reads = `this Hotplug Explorer reads format versions ${READ_VERSIONS.join(' and ')}`;
  if (version > LINK_VERSION) return { ok: false, error: `This link is format version ${v}, newer than this Hotplug Explorer can read (${reads.replace('this Hotplug Explorer ', 'it ')}). Open it with a newer version.` };
  if (!(READ_VERSIONS as readonly number[]).includes(version)) return { ok: false, error: `This link's format version ${v} does not exist (${reads}).` };
  const common = readCommonFields(p);
  if (!common.ok) return common;
  const { notes } = common;
  let state: LinkState;
  if (version === 1) state = migrateV1(common.state);
  else {
    const m = p.get('m');
    if (m !== null && m !== '1') return { ok: false, error: `This link's review matrix field "m=${m.slice(0, 32)}" is not "1" (open).` };
    state = m ? { ...common.state, matrix: true } : common.state;
    const x = p.get('x');
    if (x !== null) {
      const custom = decodeCustom(x, common.state.kernel, common.state.compare);
      if (typeof custom === 'string') return { ok: false, error: custom };
      state = { ...state, ...custom };
    }
  }
  return notes.length ? { ok: true, state, notes } : { ok: true, state };
}

/** The fields versions 1 and 2 share, read the same way in both. */
function readCommonFields(p: URLSearchParams): { ok: true; state: LinkStateV1; notes: string[] } | { ok: false; error: string } {
  const packed = p.get('s');
  if (!packed) return { ok: false, error: 'This link has no scenario ("s=").' };
  const text = decompressScenario(packed);
  if (typeof text !== 'string') return { ok: false, error: `The scenario in this link is damaged: ${text.damage} (was the link cut or edited?).` };
  const parsed = parseScenario(text);
  if (!parsed.ok) return { ok: false, error: `The scenario in this link is not valid: ${parsed.errors.slice(0, 3).join('; ')}` };
  const kernel = p.get('k') ?? parsed.scenario.kernel;
  if (!(KERNEL_IDS as readonly string[]).includes(kernel)) return { ok: false, error: `This link names an unknown kernel "${kernel}".` };
  const compare = p.get('c');
  if (compare !== null && !(KERNEL_IDS as readonly string[]).includes(compare)) return { ok: false, error: `This link compares with an unknown kernel "${compare}".` };
  const n = p.get('n');
  const notes: string[] = [];
  const last = parsed.scenario.steps.length;
  let step = n === null ? (parsed.scenario.cursor ?? last) : Number(n);
  if (!Number.isInteger(step) || step < 0) return { ok: false, error: `This link's step "${n}" is not a step (0 to ${last}).` };
  if (step > last) {
    // the scenario is whole: only the step is off (a hand-edited link, or steps deleted since)
    notes.push(`This link asks for step ${step}, past the end of its scenario: the last step, ${last}, is shown.`);
    step = last;
  }
  const view = (p.get('view') ?? 'explore') as ViewName;
  if (!VIEWS.includes(view)) return { ok: false, error: `This link asks for an unknown view "${view}".` };
  const lesson = p.get('lesson');
  if (lesson !== null && !/^[a-z0-9-]{1,64}$/.test(lesson)) return { ok: false, error: `This link names a lesson "${lesson.slice(0, 64)}" that is not a lesson name.` };
  const mode = p.get('mode');
  if (mode !== null && mode !== 'present') return { ok: false, error: `This link asks for an unknown mode "${mode.slice(0, 32)}" (only "present").` };
  const embed = p.get('embed');
  if (embed !== null && !(EMBED_VIEWS as readonly string[]).includes(embed)) return { ok: false, error: `This link embeds an unknown view "${embed.slice(0, 32)}" (one of ${EMBED_VIEWS.join(', ')}).` };
  const t = p.get('t');
  const tabKnown = t !== null && (STATE_TABS as readonly string[]).includes(t);
  // a tab from a newer version is no reason to refuse the scenario
  if (t !== null && !tabKnown) notes.push(`This link opens a tab "${t.slice(0, 32)}" that this Hotplug Explorer does not have: the first tab is shown.`);
  const a = p.get('a');
  const answers = a === null ? null : decodeAnswers(a);
  if (typeof answers === 'string') return { ok: false, error: `This link's lesson answers ("a=") ${answers}.` };
  const state: LinkStateV1 = { scenario: parsed.scenario, kernel: kernel as KernelId, compare: compare as KernelId | null, step, view };
  if (lesson) state.lesson = lesson;
  if (mode) state.present = true;
  if (embed) state.embed = embed as EmbedView;
  if (tabKnown && t !== STATE_TABS[0]) state.tab = t as StateTab;
  if (answers?.length) state.answers = answers;
  return { ok: true, state, notes };
}
