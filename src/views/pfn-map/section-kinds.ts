/**
 * What a section looks like on the map, decided from its packed word alone. One kind per
 * section; a pixel column that holds many sections keeps a bit mask of the kinds it saw.
 */
import { Memmap, memmapOf, SEC_ONLINE, SEC_PRESENT, zoneOf } from '../../engine/state/section-bits';

/** Zone indices as the section word stores them (the engine's ZONE_NAMES order). */
export const ZONES = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'] as const;
export const ZONE_DEVICE = 4;

/** Bits 0-4: online in zone z. Bits 5-9: memmap initialised for zone z but offline; 9 is ZONE_DEVICE. */
export const K_ONLINE = 0;
export const K_OFFLINE = 5;
export const K_DEVICE = K_OFFLINE + ZONE_DEVICE;
/** present with a memmap that was never initialised: memset 0xff by DEBUG_VM */
export const K_POISONED = 10;
/** present with a memmap of whatever bytes the allocator returned */
export const K_UNINIT = 11;
export const K_NO_MEMMAP = 12;
/** not present, yet some bit is left (a stale zone or block) */
export const K_ABSENT = 13;
export const KIND_COUNT = 14;

// Module-level copies of the imports: kindOf runs for up to 2^19 sections per frame, and a
// plain local binding stays cheap even where a test transform turns imports into getters.
const PRESENT = SEC_PRESENT;
const ONLINE = SEC_ONLINE;
const POISONED = Memmap.Poisoned;
const UNINIT = Memmap.Uninit;
const NONE = Memmap.None;
const memmap = memmapOf;
const zone = zoneOf;

export function kindOf(w: number): number {
  if ((w & PRESENT) === 0) return K_ABSENT;
  const m = memmap(w);
  // A memmap nobody initialised is the warning to see first, whatever else the word says.
  if (m === POISONED) return K_POISONED;
  if (m === UNINIT) return K_UNINIT;
  if (m === NONE) return K_NO_MEMMAP;
  return ((w & ONLINE) !== 0 ? K_ONLINE : K_OFFLINE) + zone(w);
}

/** Words in the description of a kind, for hover labels and the text twin. */
export function kindWords(kind: number): { zone: string | null; state: string } {
  if (kind < K_OFFLINE) return { zone: ZONES[kind]!, state: 'online' };
  if (kind === K_DEVICE) return { zone: 'Device', state: 'ZONE_DEVICE (never online)' };
  if (kind < K_POISONED) return { zone: ZONES[kind - K_OFFLINE]!, state: 'offline' };
  if (kind === K_POISONED) return { zone: null, state: 'offline, memmap poisoned (never initialised)' };
  if (kind === K_UNINIT) return { zone: null, state: 'offline, memmap uninitialised' };
  if (kind === K_NO_MEMMAP) return { zone: null, state: 'present, no memmap' };
  return { zone: null, state: 'not present (stale bits)' };
}

/** Whether the zone and nid fields of the word mean anything (memmap_init_zone wrote them). */
export const zoneKnown = (kind: number): boolean => kind < K_POISONED;

/** Does a mask of kinds include a section belonging to zone z (online or initialised)? */
export const maskHasZone = (mask: number, zone: number): boolean => ((mask >>> K_ONLINE) & (1 << zone)) !== 0 || ((mask >>> K_OFFLINE) & (1 << zone)) !== 0;
