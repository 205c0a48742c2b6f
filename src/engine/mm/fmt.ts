/** Number formats the kernel's printk specifiers produce, for log lines and trace arguments. */

export const hexPfn = (pfn: number): string => '0x' + pfn.toString(16);

/** %pa of a phys_addr_t on 64-bit: "0x" and 16 zero-padded lowercase digits */
export const pa = (addr: number): string => '0x' + addr.toString(16).padStart(16, '0');

/** %016llx */
export const x016 = (n: number): string => n.toString(16).padStart(16, '0');

/** %#llx / %#lx: "0x" prefix, no padding (0 prints as "0") */
export const hashx = (n: number): string => (n === 0 ? '0' : '0x' + n.toString(16));

/** %#010llx */
export const hashx010 = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

/** %pR of a memory resource: "[mem 0x...-0x...]" with at least 8 digits (flags suffix omitted) */
export const pR = (start: number, end: number): string =>
  `[mem ${'0x' + start.toString(16).padStart(8, '0')}-${'0x' + end.toString(16).padStart(8, '0')}]`;
