/**
 * The machine a scenario gets when it names none: the boot /proc/iomem of a QEMU `pc`
 * machine with 2 GiB of RAM, recorded from Linux 6.1 (fixtures/qemu-pc-2g.iomem).
 * A real layout rather than an invented one, so the default shows what users see on hardware:
 * the hole below 1 MiB, the PCI window under 4 GiB, the kernel image inside System RAM.
 * Embedded as text because the app runs in a browser with no file system.
 */
export const DEFAULT_MACHINE_IOMEM = `00000000-00000fff : Reserved
00001000-0009fbff : System RAM
0009fc00-0009ffff : Reserved
000a0000-000bffff : PCI Bus 0000:00
000c0000-000c9bff : Video ROM
000ca000-000cadff : Adapter ROM
000cb000-000cb5ff : Adapter ROM
000f0000-000fffff : Reserved
  000f0000-000fffff : System ROM
00100000-7ffdffff : System RAM
  6c000000-6ce01d31 : Kernel code
  6d000000-6d8eafff : Kernel rodata
  6da00000-6dc4897f : Kernel data
  6e310000-6f3fffff : Kernel bss
7ffe0000-7fffffff : Reserved
80000000-febfffff : PCI Bus 0000:00
  fd000000-fdffffff : 0000:00:02.0
  feb80000-febbffff : 0000:00:03.0
  febc0000-febdffff : 0000:00:03.0
  febf0000-febf0fff : 0000:00:02.0
fec00000-fec003ff : IOAPIC 0
fed00000-fed003ff : HPET 0
  fed00000-fed003ff : PNP0103:00
fee00000-fee00fff : Local APIC
fffc0000-ffffffff : Reserved
380000000-3ffffffff : PCI Bus 0000:00
fd00000000-ffffffffff : Reserved
`;
