#!/usr/bin/env python3
"""Where a fuzz run still finds new coverage (a tool for docs/security.md, not a test).

libFuzzer's `-print_pcs=1` logs each newly covered program counter as `NEW_PC: 0x…`. Run the
target with address randomisation off, so those addresses map back into the binary:

    cd fuzz && setarch -R target/x86_64-unknown-linux-gnu/release/records CORPUS \\
        -dict=records.dict -print_pcs=1 … > run.log 2>&1

then

    ../scripts/fuzz_new_coverage.py target/x86_64-unknown-linux-gnu/release/records run.log…

prints, for the whole run and for each quarter of it (by execution count), how many new
PCs fell in each crate: katalog's own source files, or the dependency whose code it is
(std, core and generic containers are looked through to the code that called them).
Needs binutils' `addr2line` and a binary with debug info (cargo fuzz builds have it).
"""
import collections
import re
import subprocess
import sys
from pathlib import Path

PIE_BASE = 0x555555554000  # where Linux loads a position-independent binary under setarch -R
LOOKED_THROUGH = ('/library/core/', '/library/alloc/', '/library/std/', '/hashbrown-',
                  '/smallvec-', '/serde_core-', '/serde-1.')
REPO = Path(__file__).resolve().parent.parent


def new_pcs(logs):
    """The execution count at which each PC was first covered, over all logs."""
    first = {}
    for log in logs:
        pending = []
        for line in open(log, encoding='latin-1'):
            found = re.search(r'NEW_PC: (0x[0-9a-f]+)', line)
            if found:
                pending.append(int(found.group(1), 16) - PIE_BASE)
                continue
            status = re.match(r'#(\d+)\s', line)
            if status and pending:
                for pc in pending:
                    first[pc] = min(first.get(pc, 1 << 62), int(status.group(1)))
                pending = []
    return first


def source_frames(binary, pcs):
    """For each PC, the source locations of its inlining chain, innermost first."""
    frames, current = {}, None
    for chunk in range(0, len(pcs), 2000):
        out = subprocess.run(['addr2line', '-a', '-i', '-e', binary] + [hex(p) for p in pcs[chunk:chunk + 2000]],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith('0x'):
                current = int(line, 16)
                frames[current] = []
            else:
                frames[current].append(line.split(' ')[0])
    return frames


_SOURCES = {}


def source_lines(file):
    """The lines of a katalog source file (relative to the repository), read once."""
    if file not in _SOURCES:
        try:
            _SOURCES[file] = (REPO / file).read_text().splitlines()
        except OSError:
            _SOURCES[file] = []
    return _SOURCES[file]


def katalog_line(location):
    """For an addr2line location in katalog's `src/`: its file (relative to the repository),
    its line number (None when addr2line gave none) and whether that line is a `#[derive]`,
    whose code is serde's rather than ours. None for any other location."""
    if not location.startswith(str(REPO / 'src') + '/'):
        return None
    file, _, number = location[len(str(REPO)) + 1:].rpartition(':')
    if not number.isdigit():
        return file, None, False
    text = source_lines(file)
    number = int(number)
    return file, number, 0 < number <= len(text) and 'derive(' in text[number - 1]


def owner(locations):
    for location in locations:
        if any(part in location for part in LOOKED_THROUGH):
            continue
        line = katalog_line(location)
        if line:
            file, _, derived = line
            return f'katalog {file}' + (' (derived Deserialize)' if derived else '')
        crate = re.search(r'index\.crates\.io-[^/]+/([^/]+)/', location)
        return crate.group(1) if crate else location.rsplit(':', 1)[0]
    return 'std, core, alloc'


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, logs = sys.argv[1], sys.argv[2:]
    first = new_pcs(logs)
    if not first:
        sys.exit('no NEW_PC lines: run the target with -print_pcs=1 under setarch -R')
    frames = source_frames(binary, sorted(first))
    crate_of = {pc: owner(frames.get(pc, [])) for pc in first}
    print(f'{len(first)} new PCs in all:')
    for crate, count in collections.Counter(crate_of.values()).most_common():
        print(f'  {count:6d}  {crate}')
    last = max(first.values())
    bounds = [0, last // 4, last // 2, 3 * last // 4, last + 1]
    for low, high in zip(bounds, bounds[1:]):
        counts = collections.Counter(crate_of[pc] for pc, run in first.items() if low <= run < high)
        print(f'runs {low:>12,} to {high:>12,}: {sum(counts.values()):5d}  '
              + ', '.join(f'{crate} {count}' for crate, count in counts.most_common(6)))


if __name__ == '__main__':
    main()
