#!/usr/bin/env python3
"""Code size of a wasm file by Rust crate, from twiggy's per-function list.

usage: scripts/wasm_by_crate.py [WASM]
  WASM defaults to the app as cargo built it for Trunk, before wasm-bindgen
  and wasm-opt (function names intact): target/wasm32-unknown-unknown/release/bantin.wasm
needs: twiggy (`cargo install twiggy`)

Sizes are raw bytes before wasm-opt, so they add up to more than the
shipped file; they show where the code comes from, not the download.
Functions are attributed to the crate named first in their (demangled)
path, or for `<Type as crate::Trait>::method` to the trait's crate: generic
code is counted under the crate that defines it, not the one using it.
"""
import collections
import csv
import io
import re
import subprocess
import sys

wasm = sys.argv[1] if len(sys.argv) > 1 else "target/wasm32-unknown-unknown/release/bantin.wasm"
out = subprocess.run(
    ["twiggy", "top", "-n", "1000000", "-f", "csv", wasm],
    check=True, capture_output=True, text=True,
).stdout

sizes = collections.Counter()
for row in csv.DictReader(io.StringIO(out)):
    name, size = row["Name"], int(row["ShallowSize"])
    # Names and wasm-bindgen's build-time descriptions are not shipped.
    if name.startswith(('"function names"', "custom section")) or "describe" in name:
        continue
    # `<Type as crate::Trait>::method`: the trait's crate holds the code.
    m = re.match(r"^<.*? as (?:&(?:mut )?)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name) or re.match(
        r"^<?(?:&(?:mut )?)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name
    )
    if m:
        crate = m.group(1)
    elif name.startswith("data segment"):
        crate = "(static data)"
    else:
        crate = "(other: imports, table, shims)"
    sizes[crate] += size

total = sum(sizes.values())
print(f"| crate | bytes (before wasm-opt) | share |\n|---|---:|---:|")
for crate, size in sizes.most_common(20):
    print(f"| {crate} | {size / 1000:.1f} KB | {100 * size / total:.0f}% |")
print(f"| all | {total / 1000:.1f} KB | 100% |")
