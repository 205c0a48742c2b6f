/** The linux-mm thread and the kernel source the lessons cite. */
import type { KernelId } from '../engine/ops';
import { sourceLink, type SourceLink } from '../engine/trace/source-links';
import { SOURCES } from '../engine/variants/sources';
import type { SourceRef } from './types';

const LORE = 'https://lore.kernel.org/linux-mm';

export interface ThreadMessage {
  url: string;
  /** the subject as the list has it: a source label must contain it */
  title: string;
  /** words one of which a narration link's text must contain, so "[cover letter](…)" cannot point at a patch */
  linkWords: readonly string[];
  /** where the repository's own copy says so: a document under docs/ and a string it contains */
  evidence: readonly { doc: string; text: string }[];
}

const NOTES = 'docs/sources/kernel-notes.md';
const THREAD_TXT = 'docs/sources/linux-mm-thread-2018-08.txt';
const NOTES_PROPOSALS = 'docs/sources/kernel-notes-proposals.md';
const PROPOSALS = 'docs/proposals.md';

export const MESSAGES = {
  rfcV1Cover: {
    url: `${LORE}/20180807133757.18352-1-osalvador@techadventures.net/`,
    title: '[RFC PATCH 0/3] Do not touch pages in remove_memory path',
    linkWords: ['cover letter'],
    evidence: [{ doc: NOTES, text: '`[RFC PATCH 0/3] Do not touch pages in remove_memory path`, Message-ID `<20180807133757.18352-1-osalvador@techadventures.net>`' }],
  },
  rfcV1Patch2: {
    url: `${LORE}/20180807133757.18352-3-osalvador@techadventures.net/`,
    title: '[RFC PATCH 2/3] mm/memory_hotplug: Create __shrink_pages and move it to offline_pages',
    linkWords: ['patch 2/3'],
    evidence: [
      { doc: THREAD_TXT, text: '[RFC,2/3] mm/memory_hotplug: Create __shrink_pages and move it to offline_pages' },
      { doc: THREAD_TXT, text: 'Message ID 20180807133757.18352-3-osalvador@techadventures.net' },
    ],
  },
  jeromeReply: {
    url: `${LORE}/20180807135221.GA3301@redhat.com/`,
    title: 'Jerome Glisse, 7 Aug 2018, replying to RFC PATCH 2/3',
    linkWords: ['replied', 'Jerome'],
    evidence: [
      { doc: THREAD_TXT, text: 'Jerome Glisse Aug. 7, 2018, 1:52 p.m. UTC | #1' },
      { doc: THREAD_TXT, text: 'On Tue 07-08-18 09:52:21, Jerome Glisse wrote:' },
    ],
  },
  michalProperty: {
    url: `${LORE}/20180809082415.GB24884@dhcp22.suse.cz/`,
    title: 'Michal Hocko, 9 Aug 2018, replying to RFC PATCH 2/3',
    linkWords: ['Michal', 'objected'],
    evidence: [{ doc: THREAD_TXT, text: 'Michal Hocko Aug. 9, 2018, 8:24 a.m. UTC | #25' }],
  },
  davidIsDevice: {
    url: `${LORE}/a6e4e654-fc95-497f-16f3-8c1550cf03d6@redhat.com/`,
    title: 'David Hildenbrand, 7 Aug 2018, replying to RFC PATCH 2/3',
    linkWords: ['David'],
    evidence: [
      { doc: THREAD_TXT, text: 'David Hildenbrand Aug. 7, 2018, 2:54 p.m. UTC | #2' },
      { doc: PROPOSALS, text: 'David Hildenbrand, 7 Aug 2018 (#2, `<a6e4e654-fc95-497f-16f3-8c1550cf03d6@redhat.com>`)' },
    ],
  },
  oscarFlag: {
    url: `${LORE}/20180808212815.GA12363@techadventures.net/`,
    title: 'Oscar Salvador, 8 Aug 2018, replying to RFC PATCH 2/3',
    linkWords: ['Oscar'],
    evidence: [
      { doc: THREAD_TXT, text: 'Oscar Salvador Aug. 8, 2018, 9:28 p.m. UTC | #21' },
      { doc: NOTES, text: '`<20180808212815.GA12363@' },
    ],
  },
  jeromeRefcount: {
    url: `${LORE}/20180809165821.GC3386@redhat.com/`,
    title: 'Jerome Glisse, 9 Aug 2018, replying to RFC PATCH 2/3',
    linkWords: ['Jerome'],
    evidence: [
      { doc: THREAD_TXT, text: 'Jerome Glisse Aug. 9, 2018, 4:58 p.m. UTC | #28' },
      { doc: PROPOSALS, text: '`<20180809165821.GC3386@redhat.com>`' },
    ],
  },
  rfcV3Cover: {
    url: `${LORE}/20181002150029.23461-1-osalvador@techadventures.net/`,
    title: '[RFC PATCH v3 0/5] Do not touch pages/zones during hot-remove path',
    linkWords: ['RFC v3'],
    evidence: [{ doc: NOTES_PROPOSALS, text: '| R3-0 | [RFC PATCH v3 0/5] Do not touch pages/zones during hot-remove path | Tue 2 Oct 2018 | https://lore.kernel.org/linux-mm/20181002150029.23461-1-osalvador@techadventures.net/ |' }],
  },
  rfcV2Cover: {
    url: `${LORE}/20180817154127.28602-1-osalvador@techadventures.net/`,
    title: '[RFC v2 0/2] Do not touch pages in remove_memory path',
    linkWords: ['cover letter'],
    evidence: [{ doc: NOTES, text: '`[RFC v2 0/2] Do not touch pages in remove_memory path`, `<20180817154127.28602-1-' }],
  },
} as const satisfies Record<string, ThreadMessage>;

/** The thread's addresses, for narration links. */
export const THREAD: { readonly [K in keyof typeof MESSAGES]: string } = Object.fromEntries(Object.entries(MESSAGES).map(([k, m]) => [k, m.url])) as never;

/** A lesson's further-reading entry for a thread message: its label is the message's own subject. */
export function threadSource(key: keyof typeof MESSAGES, note?: string): SourceRef {
  const m: ThreadMessage = MESSAGES[key];
  return { label: note ? `${m.title} (${note})` : m.title, url: m.url };
}

/** Where to read a kernel function as the given kernel has it: an Elixir line, or the RFC patch. */
export function fnLink(kernel: KernelId, fn: string): SourceLink {
  return sourceLink({ id: kernel, source: SOURCES[kernel] }, fn);
}
