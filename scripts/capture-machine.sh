#!/bin/sh
# Capture a Linux machine's memory layout whole, for Hotplug Explorer's import dialog and CLI
# (`hotplug-explorer replay CAPTURE --show zoneinfo`). POSIX sh and coreutils only, so that it
# runs on any box as it is, including minimal guests with no bash.
#
#   sudo sh capture-machine.sh > my-machine.capture     (or: sudo sh capture-machine.sh FILE)
#
# Run it as root: an unprivileged read of /proc/iomem prints every address as zeros.
# The file is plain text: a header line, then sections that each start with "### NAME".

set -u

if [ $# -gt 1 ]; then
  echo "usage: $0 [FILE]   (writes to standard output without FILE)" >&2
  exit 2
fi
if [ $# -eq 1 ]; then
  exec >"$1" || exit 1
fi

MEM=/sys/devices/system/memory
NODES=/sys/devices/system/node

# a sysfs or proc file's first line, or "?" when it cannot be read (so each line keeps its fields)
first_line() {
  if [ -r "$1" ]; then
    IFS= read -r line <"$1" || true
    printf '%s' "${line:-?}"
  else
    printf '?'
  fi
}

echo "### hotplug-explorer machine capture 1"
if [ "$(id -u 2>/dev/null || echo 1)" = 0 ]; then
  echo "# root: yes"
else
  echo "# root: no: not run as root, so /proc/iomem reads every address as zeros; run it again with sudo"
fi
echo "# captured: $(date -u '+%Y-%m-%dT%H:%M:%SZ' 2>/dev/null || echo unknown)"

echo "### uname -r"
uname -r

echo "### /proc/cmdline"
cat /proc/cmdline

echo "### /proc/iomem"
cat /proc/iomem

echo "### /proc/zoneinfo"
cat /proc/zoneinfo

# One line a block: name, node, phys_index, state, then valid_zones last (it holds spaces).
echo "### memory blocks"
if [ -d "$MEM" ]; then
  echo "block_size_bytes $(first_line "$MEM/block_size_bytes")"
  for d in "$MEM"/memory[0-9]*; do
    [ -d "$d" ] || continue
    node=?
    for link in "$d"/node[0-9]*; do
      [ -e "$link" ] && node=${link##*/node}
    done
    printf '%s node=%s phys_index=%s state=%s valid_zones=%s\n' "${d##*/}" "$node" \
      "$(first_line "$d/phys_index")" "$(first_line "$d/state")" "$(first_line "$d/valid_zones")"
  done
else
  echo "# no $MEM: this kernel has no memory hotplug (CONFIG_MEMORY_HOTPLUG off)"
fi

# One line a node: its MemTotal from the node's meminfo, then the memory blocks it holds.
echo "### nodes"
if [ -d "$NODES" ]; then
  for d in "$NODES"/node[0-9]*; do
    [ -d "$d" ] || continue
    total=?
    if [ -r "$d/meminfo" ]; then
      while read -r _node _nid key value _unit; do
        [ "$key" = "MemTotal:" ] && total=$value
      done <"$d/meminfo"
    fi
    blocks=
    for link in "$d"/memory[0-9]*; do
      [ -e "$link" ] && blocks="$blocks ${link##*/}"
    done
    echo "${d##*/} memtotal_kb=$total blocks=${blocks# }"
  done
else
  echo "# no $NODES: this kernel has no NUMA sysfs"
fi

echo "### end"
