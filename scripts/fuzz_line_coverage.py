#!/usr/bin/env python3
"""Which of katalog's own source lines a fuzz corpus reaches (a tool for docs/security.md, not
a test).

This machine's LLVM tools are older than rustc's, so `cargo fuzz coverage` cannot be read
here. libFuzzer itself knows which instrumented program counters a corpus reaches
(`-print_coverage=1`), but prints them only through a sanitizer's symbolizer, which a build
with `--sanitizer none` lacks. So this script:

1. compiles a stand-in for the two symbolizer hooks (gcc), which print a PC as its offset
   in the binary, and preloads it into one replay of the corpus (`-runs=0`);
2. reads every instrumented PC, and which PCs start functions, from the binary's
   `__sancov_pcs` table (readelf: the PCs are its relocations' addends);
3. counts a PC reached unless libFuzzer lists it as uncovered, and credits it to every line
   of katalog's own code (under `src/`, not `#[derive]` lines) in its inlining chain
   (addr2line -i).

    scripts/fuzz_line_coverage.py fuzz/target/x86_64-unknown-linux-gnu/release/records \\
        fuzz/corpus/records [-v]

prints, per source file, how many lines with instrumented code were reached, and with -v
the lines that were not. Optimised code blurs lines: a closing brace is often only drop or
unwind code, and a line can lose its PCs to a neighbour. Read the list, not the ratio.
"""
import collections
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from fuzz_new_coverage import katalog_line, source_frames, source_lines

SYMBOLIZER_HOOKS = r'''
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int __sanitizer_get_module_and_offset_for_pc(void *pc, char *module, size_t module_len, void **offset) {
  Dl_info info;
  if (!dladdr(pc, &info)) return 0;
  snprintf(module, module_len, "%s", info.dli_fname ? info.dli_fname : "?");
  *offset = (void *)((char *)pc - (char *)info.dli_fbase);
  return 1;
}
void __sanitizer_symbolize_pc(void *pc, const char *format, char *out, size_t out_len) {
  Dl_info info;
  long offset = dladdr(pc, &info) ? (long)((char *)pc - (char *)info.dli_fbase) : (long)pc;
  snprintf(out, out_len, "0x%lx", offset);
}
'''


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, check=True, **kwargs).stdout


def pc_table(binary):
    """[(pc, starts_a_function)] in table order, from the __sancov_pcs section."""
    section = None
    for line in run('readelf', '-SW', binary).splitlines():
        fields = line.replace('[ ', '[').split()
        if '__sancov_pcs' in fields:
            i = fields.index('__sancov_pcs')
            address, offset, size = (int(fields[i + k], 16) for k in (2, 3, 4))
            section = (address, offset, size)
    if section is None:
        sys.exit(f'{binary} has no __sancov_pcs section: is it a cargo fuzz build?')
    address, offset, size = section
    raw = Path(binary).read_bytes()[offset:offset + size]
    pcs = {}
    for line in run('readelf', '-rW', binary).splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[2] == 'R_X86_64_RELATIVE':
            at = int(fields[0], 16) - address
            if 0 <= at < size and at % 16 == 0:
                pcs[at] = int(fields[3], 16)
    return [(pcs[at], struct.unpack_from('<Q', raw, at + 8)[0] & 1 == 1) for at in sorted(pcs)]


def replay_coverage(binary, corpus):
    """Replays the corpus once: whether each function (by its first PC) was reached, and the
    PCs libFuzzer reports unreached inside the reached ones."""
    with tempfile.TemporaryDirectory() as tmp:
        hooks = Path(tmp, 'hooks.c')
        hooks.write_text(SYMBOLIZER_HOOKS)
        run('gcc', '-shared', '-fPIC', '-O1', '-o', f'{tmp}/hooks.so', str(hooks), '-ldl')
        out = subprocess.run([binary, *corpus, '-runs=0', '-print_coverage=1'], capture_output=True,
                             text=True, env={'LD_PRELOAD': f'{tmp}/hooks.so', 'PATH': '/usr/bin:/bin'}).stderr
    if 'COVERED_FUNC' not in out:
        sys.exit('libFuzzer printed no coverage:\n' + out[-2000:])
    functions = {int(m.group(2), 16) - 1: m.group(1) is None
                 for m in re.finditer(r'(UN)?COVERED_FUNC: hits: \d+ edges: \d+/\d+ (0x[0-9a-f]+)', out)}
    missed = {int(pc, 16) - 1 for pc in re.findall(r'UNCOVERED_PC: (0x[0-9a-f]+)', out)}
    return functions, missed


def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    if len(args) < 2:
        sys.exit(__doc__)
    binary, corpus = args[0], args[1:]
    table = pc_table(binary)
    functions, missed = replay_coverage(binary, corpus)
    reached, in_reached_function = set(), False
    for pc, starts_function in table:
        if starts_function:
            in_reached_function = functions.get(pc, False)
        if in_reached_function and pc not in missed:
            reached.add(pc)
    line_reached = {}  # (file, line) of katalog's own code -> whether any of its PCs ran
    chains = source_frames(binary, [pc for pc, _ in table])
    for pc, _ in table:
        for location in chains.get(pc, []):
            line = katalog_line(location)
            if line and line[1] and not line[2]:
                line_reached[line[:2]] = line_reached.get(line[:2], False) or pc in reached
    by_file = collections.defaultdict(list)
    for (file, number), hit in sorted(line_reached.items()):
        by_file[file].append((number, hit))
    for file, numbers in by_file.items():
        print(f'{file}: {sum(h for _, h in numbers)} of {len(numbers)} lines reached')
        if '-v' in sys.argv:
            text = source_lines(file)
            for number, hit in numbers:
                if not hit:
                    print(f'    {number:5d}  {text[number - 1].strip()[:100]}')

if __name__ == '__main__':
    main()
