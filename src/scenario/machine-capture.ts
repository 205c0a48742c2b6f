/**
 * Reads what scripts/capture-machine.sh writes (a real machine taken whole: kernel release and
 * command line, /proc/iomem, /proc/zoneinfo, the memory blocks and the nodes) as a scenario
 * that boots that machine and brings it to the captured state. The scenario format has no
 * "offline at boot", so the blocks that were offline become the scenario's first steps, and its
 * cursor is the step after them: the captured state.
 */
import { MAX_DMA32_PFN, MAX_DMA_PFN, MAX_NUMNODES, MIN_MEMORY_BLOCK_SIZE, probeMemoryBlockSize } from '../engine/arch';
import { DEFAULT_CONFIG, ONLINE_POLICIES, type KernelConfig, type KernelId, type NodeRangeInput, type Op, type OnlinePolicy } from '../engine/ops';
import { parseIomemText } from './iomem-text';
import { formatHex, formatSize } from './numbers';
import type { Scenario } from './types';
import { parseZoneinfoText } from './zoneinfo-text';

const CAPTURE_HEADER = '### hotplug-explorer machine capture';
const CAPTURE_VERSION = 1;
const REQUIRED = ['uname -r', '/proc/iomem', '/proc/zoneinfo', 'memory blocks', 'nodes'] as const;

export type CaptureRead = { ok: true; scenario: Scenario; notes: string[] } | { ok: false; errors: string[] };

/** Whether a text is a capture (its first non-blank line is the script's header), to be read here rather than as a scenario. */
export function looksLikeCapture(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '');
  return first !== undefined && first.startsWith(CAPTURE_HEADER);
}

interface Block {
  id: number;
  nid: number | null;
  state: string;
}

/** The section texts by name, and the header's lines. */
function splitSections(text: string): { header: string[]; sections: Map<string, string[]> } {
  const sections = new Map<string, string[]>();
  const header: string[] = [];
  let cur: string[] = header;
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('### ') && !line.startsWith(CAPTURE_HEADER)) {
      cur = [];
      sections.set(line.slice(4).trim(), cur);
    } else cur.push(line);
  }
  return { header, sections };
}

/**
 * The variant nearest a kernel release: v4.18 for 4.x (v4.18 is the only 4.x modelled), v5.5
 * for 5.x (the 5.x series shrinks spans at offline and releases the resource last, as v5.5
 * does), v6.12 for 6.x and later (the newest modelled; 6.x has no "Offlined Pages" line and
 * the 6.x online policies).
 */
export function nearestKernel(release: string): { kernel: KernelId; why: string } | null {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 5) {
    const how = major === 4 && minor === 18 ? 'the same release' : 'the oldest kernel modelled, and the only one before 5.x';
    return { kernel: 'v4.18', why: `kernel ${release.trim()}: v4.18 is ${how}` };
  }
  if (major === 5) return { kernel: 'v5.5', why: `kernel ${release.trim()}: v5.5 is the 5.x kernel modelled (spans shrink at offline time, the resource is released after the sections)` };
  const how = major === 6 && minor === 12 ? 'the same release' : major === 6 ? 'the 6.x kernel modelled' : 'the newest kernel modelled';
  return { kernel: 'v6.12', why: `kernel ${release.trim()}: v6.12 is ${how}` };
}

/** The hotplug options the command line sets, as the scenario's config. */
function configFrom(cmdline: string, notes: string[]): KernelConfig {
  const config: KernelConfig = { ...DEFAULT_CONFIG };
  for (const word of cmdline.split(/\s+/)) {
    if (word === '--') break; // what follows is init's, not the kernel's
    const [key, value = ''] = word.split('=', 2) as [string, string | undefined];
    const yes = value === '' || /^(1|y|yes|on|true)$/i.test(value);
    if (key === 'movable_node') config.movable_node = true;
    else if (key === 'memhp_default_state') config.auto_online = value.startsWith('online');
    else if (key === 'memory_hotplug.memmap_on_memory') config.memmap_on_memory = yes;
    else if (key === 'memory_hotplug.online_policy') {
      if ((ONLINE_POLICIES as readonly string[]).includes(value)) config.online_policy = value as OnlinePolicy;
      else notes.push(`/proc/cmdline: memory_hotplug.online_policy=${value} is not a policy the engine knows (${ONLINE_POLICIES.join(', ')}): left at ${config.online_policy}`);
    } else if (key === 'memory_hotplug.auto_movable_ratio' && /^\d+$/.test(value)) config.auto_movable_ratio = Number(value);
    else if (key === 'memory_hotplug.auto_movable_numa_aware') config.auto_movable_numa_aware = yes;
  }
  return config;
}

const BLOCK_LINE = /^memory(\d+) node=(\d+|\?) phys_index=([0-9a-f]+) state=(\S+) valid_zones=(.*)$/i;

function readBlocks(lines: string[], errors: string[]): { blockSize: number | null; blocks: Block[] } {
  let blockSize: number | null = null;
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const where = `memory blocks line ${i + 1}`;
    const size = /^block_size_bytes ([0-9a-f]+)$/i.exec(line);
    if (size) {
      blockSize = parseInt(size[1]!, 16);
      if (blockSize < MIN_MEMORY_BLOCK_SIZE || (blockSize & (blockSize - 1)) !== 0) {
        errors.push(`${where}: block_size_bytes ${size[1]} is not a power of two of at least ${formatSize(MIN_MEMORY_BLOCK_SIZE)}`);
      }
      return;
    }
    const b = BLOCK_LINE.exec(line);
    if (!b) {
      errors.push(`${where}: ${JSON.stringify(line.slice(0, 80))} is not "memoryN node=N phys_index=HEX state=STATE valid_zones=ZONES"`);
      return;
    }
    const id = Number(b[1]);
    if (parseInt(b[3]!, 16) !== id) errors.push(`${where}: memory${id} has phys_index ${b[3]}, not ${id.toString(16)}`);
    blocks.push({ id, nid: b[2] === '?' ? null : Number(b[2]), state: b[4]! });
  });
  if (blockSize === null) errors.push('the memory blocks section has no "block_size_bytes HEX" line');
  return { blockSize, blocks: blocks.sort((a, b) => a.id - b.id) };
}

/** Offline steps for the given blocks, one per run of neighbouring blocks. */
function offlineSteps(ids: number[], blockSize: number): Op[] {
  const steps: Op[] = [];
  let run: { first: number; last: number } | null = null;
  const flush = (): void => {
    if (run) steps.push({ op: 'offline', start: run.first * blockSize, size: (run.last - run.first + 1) * blockSize });
    run = null;
  };
  for (const id of ids) {
    if (run && id === run.last + 1) run.last = id;
    else {
      flush();
      run = { first: id, last: id };
    }
  }
  flush();
  return steps;
}

const SYSTEM_RAM_LINE = /^([0-9a-f]+)-([0-9a-f]+) : System RAM$/i;

/**
 * The top-level, childless System RAM ranges whose every block is offline: memory hot-added
 * and left offline (memhp_default_state=offline), which a boot never leaves offline. They are
 * taken out of the boot /proc/iomem and added back by add_memory, as the kernel added them;
 * the spans of the boot zones then stay as the kernel set them at boot.
 */
function hotAddedRanges(lines: string[], blocks: Block[], blockSize: number): { lineIndex: number; start: number; size: number; nid: number }[] {
  const found: { lineIndex: number; start: number; size: number; nid: number }[] = [];
  lines.forEach((line, i) => {
    const m = SYSTEM_RAM_LINE.exec(line);
    if (!m || (lines[i + 1] ?? '').startsWith(' ')) return;
    const start = parseInt(m[1]!, 16);
    const end = parseInt(m[2]!, 16) + 1;
    if (start % blockSize !== 0 || end % blockSize !== 0) return; // add_memory takes whole blocks
    const mine = blocks.filter((b) => b.id * blockSize >= start && b.id * blockSize < end);
    if (mine.length !== (end - start) / blockSize || mine.some((b) => b.state !== 'offline')) return;
    found.push({ lineIndex: i, start, size: end - start, nid: mine[0]!.nid ?? 0 });
  });
  return found;
}

/** The nodes the capture lists, from the nodes section ("nodeN memtotal_kb=K blocks=memoryA memoryB"). */
function listedNodes(lines: string[], errors: string[]): { nid: number; kb: number; blocks: number }[] {
  const nodes: { nid: number; kb: number; blocks: number }[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const n = /^node(\d+) memtotal_kb=(\d+|\?) blocks=(.*)$/.exec(line);
    if (!n) {
      errors.push(`nodes line ${i + 1}: ${JSON.stringify(line.slice(0, 80))} is not "nodeN memtotal_kb=KB blocks=memoryA memoryB ..."`);
      return;
    }
    const kb = n[2] === '?' ? 0 : Number(n[2]);
    const blocks = n[3]!.split(/\s+/).filter((w) => w !== '').length;
    if (Number(n[1]) >= MAX_NUMNODES) errors.push(`nodes line ${i + 1}: node${n[1]} is beyond the ${MAX_NUMNODES} nodes of x86_64`);
    else nodes.push({ nid: Number(n[1]), kb, blocks });
  });
  return nodes;
}

/**
 * machine.nodes from the blocks' node links: each run of neighbouring boot blocks on one node
 * other than 0 is a node range (node 0 needs none), and a listed node with no boot block is a
 * node without memory at boot (a hot-add may bring it online later, as in N2). A boot block
 * shared by two nodes links to both; the capture keeps its last link, so the range is cut at
 * block granularity, which SRAT need not be.
 */
function nodeRanges(blocks: Block[], listed: { nid: number }[], isBoot: (b: Block) => boolean, blockSize: number): NodeRangeInput[] {
  const ranges: NodeRangeInput[] = [];
  let run: NodeRangeInput | null = null;
  for (const b of blocks) {
    if (!isBoot(b) || b.nid === null) continue;
    if (run && run.nid === b.nid && run.start + run.size === b.id * blockSize) run.size += blockSize;
    else ranges.push((run = { nid: b.nid, start: b.id * blockSize, size: blockSize }));
  }
  const withMemory = new Set(ranges.map((r) => r.nid));
  const out = ranges.filter((r) => r.nid !== 0);
  for (const n of listed) if (n.nid !== 0 && !withMemory.has(n.nid)) out.push({ nid: n.nid, start: 0, size: 0 });
  return out;
}

const PAGE = 4096;
const ZONE_OF = (pfn: number): string => (pfn < MAX_DMA_PFN ? 'DMA' : pfn < MAX_DMA32_PFN ? 'DMA32' : 'Normal');

/**
 * The captured /proc/zoneinfo as it read at boot, before the offline steps: each offlined
 * block's RAM pages added back to its node's zone's present and managed lines (offline takes
 * them out of both), so that the engine's boot, which onlines every block, starts from them.
 * The map's keys are "node N zone NAME".
 */
function zoneinfoAtBoot(text: string, offlined: Block[], blockSize: number, ram: { start: number; end: number }[]): { text: string; added: Map<string, number> } {
  const added = new Map<string, number>();
  for (const b of offlined) {
    for (let pfn = (b.id * blockSize) / PAGE; pfn < ((b.id + 1) * blockSize) / PAGE; pfn++) {
      const key = `node ${b.nid ?? 0} zone ${ZONE_OF(pfn)}`;
      if (ram.some((r) => pfn * PAGE >= r.start && pfn * PAGE + PAGE - 1 <= r.end)) added.set(key, (added.get(key) ?? 0) + 1);
    }
  }
  let zone: string | null = null;
  const lines = text.split('\n').map((line) => {
    const h = /^Node\s+(\d+),\s+zone\s+(\S+)/.exec(line);
    if (h) zone = `node ${h[1]} zone ${h[2]}`;
    else if (/^\S/.test(line)) zone = null;
    const more = zone === null ? 0 : (added.get(zone) ?? 0);
    const c = /^(\s+(?:present|managed)\s+)(\d+)\s*$/.exec(line);
    return c && more ? `${c[1]}${Number(c[2]) + more}` : line;
  });
  return { text: lines.join('\n'), added };
}

export function readMachineCapture(text: string): CaptureRead {
  if (!looksLikeCapture(text)) return { ok: false, errors: [`not a machine capture: its first line should be "${CAPTURE_HEADER} ${CAPTURE_VERSION}" (what scripts/capture-machine.sh writes)`] };
  const { header, sections } = splitSections(text);
  const first = text.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '')!;
  const version = Number(first.slice(CAPTURE_HEADER.length).trim());
  if (version !== CAPTURE_VERSION) return { ok: false, errors: [`this capture is format ${JSON.stringify(first.slice(CAPTURE_HEADER.length).trim())}; this Hotplug Explorer reads format ${CAPTURE_VERSION}`] };
  if (header.some((l) => l.startsWith('# root: no'))) {
    return { ok: false, errors: ['the capture was not made as root, so its /proc/iomem reads every address as zeros: run scripts/capture-machine.sh again with sudo'] };
  }
  const missing = REQUIRED.filter((name) => !sections.has(name));
  if (missing.length) return { ok: false, errors: missing.map((name) => `the capture has no "### ${name}" section: was it cut short? (the script ends it with "### end")`) };
  const errors: string[] = [];
  const notes: string[] = [];
  const body = (name: string): string => sections.get(name)!.join('\n');

  const release = body('uname -r').trim();
  const nearest = nearestKernel(release);
  if (!nearest) errors.push(`uname -r: ${JSON.stringify(release.slice(0, 40))} is not a kernel release such as 6.12.118`);
  else notes.push(`${nearest.why}: replayed under ${nearest.kernel}`);

  const { blockSize, blocks } = readBlocks(sections.get('memory blocks')!, errors);
  const listed = listedNodes(sections.get('nodes')!, errors);
  const zoneinfo = parseZoneinfoText(body('/proc/zoneinfo'));
  if (!zoneinfo.ok) errors.push(...zoneinfo.errors.map((e) => `/proc/zoneinfo: ${e}`));
  const iomemLines = sections.get('/proc/iomem')!.filter((l, i, all) => l !== '' || i < all.length - 1);
  const added = blockSize === null ? [] : hotAddedRanges(iomemLines, blocks, blockSize);
  const bootIomem = iomemLines.filter((_, i) => !added.some((a) => a.lineIndex === i)).join('\n') + '\n';
  const iomem = parseIomemText(bootIomem);
  if (!iomem.ok) errors.push(...iomem.errors.map((e) => `/proc/iomem: ${e}`));
  if (errors.length || !iomem.ok || !zoneinfo.ok || blockSize === null || !nearest) return { ok: false, errors };

  const config = configFrom(sections.has('/proc/cmdline') ? body('/proc/cmdline') : '', notes);
  // The block size is written into the config only when the engine's own probe would choose another.
  const bootEnd = iomem.entries.filter((e) => e.name === 'System RAM').reduce((m, e) => Math.max(m, e.end + 1), 0);
  if (probeMemoryBlockSize(bootEnd) !== blockSize) {
    config.block_size = blockSize;
    notes.push(`memory blocks: the machine's block size is ${formatSize(blockSize)}, not the ${formatSize(probeMemoryBlockSize(bootEnd))} x86_64's probe would choose for it: set as config.block_size`);
  }
  const addSteps: Op[] = added.map((a) => ({ op: 'add_memory', nid: a.nid, start: a.start, size: a.size }));
  const inAdded = (b: Block): boolean => added.some((a) => b.id * blockSize >= a.start && b.id * blockSize < a.start + a.size);
  // with auto_online the kernel onlines what it adds, so those blocks are offlined again after
  const toOffline = blocks.filter((b) => b.state === 'offline' && (config.auto_online || !inAdded(b))).map((b) => b.id);
  const steps = [...addSteps, ...offlineSteps(toOffline, blockSize)];
  if (added.length) {
    const ranges = added.map((a) => `${formatHex(a.start)}+${formatSize(a.size)}`).join(', ');
    notes.push(`memory blocks: ${ranges} ${added.length === 1 ? 'is' : 'are'} System RAM with every block offline, hot-added and left offline: the scenario boots without ${added.length === 1 ? 'it' : 'them'} and ${added.length === 1 ? 'step 1 adds it' : `steps 1 to ${added.length} add them`} with add_memory`);
  }
  if (toOffline.length) {
    notes.push(`memory blocks: ${toOffline.length} block${toOffline.length === 1 ? ' was' : 's were'} offline${config.auto_online && added.length ? ' (auto_online onlines what add_memory adds)' : ''}; a scenario boots every block online, so ${steps.length === addSteps.length + 1 ? `step ${steps.length} offlines` : `steps ${addSteps.length + 1} to ${steps.length} offline`} them`);
  }
  if (steps.length) notes.push(`the scenario opens after step ${steps.length}, at the captured state (step 0 is the machine at boot)`);
  const odd = blocks.filter((b) => b.state !== 'online' && b.state !== 'offline');
  if (odd.length) notes.push(`memory blocks: ${odd.map((b) => `memory${b.id} (${b.state})`).join(', ')} ${odd.length === 1 ? 'was' : 'were'} neither online nor offline: taken as online`);
  const nodes = nodeRanges(blocks, listed, (b) => !inAdded(b), blockSize);
  for (const n of nodes) {
    if (n.size) notes.push(`nodes: ${formatHex(n.start)}+${formatSize(n.size)} is node ${n.nid}'s (its blocks link to node${n.nid}): machine.nodes boots that System RAM there`);
    else notes.push(`nodes: node ${n.nid} is listed without boot memory: it boots as a node without memory, offline until a hot-add to it${listed.find((l) => l.nid === n.nid)!.blocks ? ' (the capture has one)' : ' (the real machine showed it, likely for its CPUs, which the engine does not model: zoneinfo leaves it out)'}`);
  }
  // blocks of boot memory offlined since: their pages go back into the boot zones' counts
  const bootOfflined = blocks.filter((b) => toOffline.includes(b.id) && !inAdded(b));
  const ram = iomem.entries.filter((e) => e.name === 'System RAM');
  const boot = zoneinfoAtBoot(sections.get('/proc/zoneinfo')!.join('\n').replace(/\n*$/, '\n'), bootOfflined, blockSize, ram);
  if (boot.added.size) {
    const what = [...boot.added].map(([zone, pages]) => `${pages} pages to ${zone}`).join(', ');
    notes.push(`/proc/zoneinfo: the scenario's machine.zoneinfo is the captured one as it read before those blocks were offlined: ${what} (present and managed)`);
  }
  const bootZones = parseZoneinfoText(boot.text);
  if (!bootZones.ok) return { ok: false, errors: bootZones.errors.map((e) => `/proc/zoneinfo: ${e}`) };
  const scenario: Scenario = {
    title: `Captured machine (${release})`,
    kernel: nearest.kernel,
    arch: 'x86_64',
    config,
    machine: { kind: 'iomem', text: bootIomem, entries: iomem.entries, zoneinfo: { text: boot.text, zones: bootZones.zones }, ...(nodes.length ? { nodes } : {}) },
    steps,
    cursor: steps.length,
  };
  return { ok: true, scenario, notes };
}
