/** The linux-mm thread and the kernel source the lessons cite. */
import type { KernelId } from '../engine/ops';
import { sourceLink, type SourceLink } from '../engine/trace/source-links';
import { VARIANTS } from '../engine/variants';
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
  return sourceLink(VARIANTS[kernel], fn);
}
