#!/usr/bin/env bash
# Times `patchbuild new --from-diff` on a 10,000-line C# file with 50 scattered edits (best of 5 runs, wall clock,
# including process start). Usage: tests/PatchBuild.Benchmarks/new-from-diff.sh [path/to/patchbuild.dll]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
dll="${1:-$here/src/PatchBuild.Cli/bin/Release/net10.0/patchbuild.dll}"
work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT; echo "work: $work" >&2
python3 - "$work" <<'PY'
import sys, random
random.seed(2026)
root = sys.argv[1]
lines = ["namespace Bench;", ""]
for c in range(200):
    lines += [f"public sealed class C{c}", "{"]
    for m in range(8):
        lines += [f"    public int M{m}(int x)", "    {", "        if (x > 0)", "        {", "            return x + 1;", "        }", "", "        return 0;", "    }"][: 6 if m % 2 else 9]
    lines += ["}", ""]
while len(lines) < 10000:
    lines.append(f"// filler {len(lines)}")
lines = lines[:10000]
new = list(lines)
for k in range(50):
    i = random.randrange(2, len(new) - 1)
    new[i] = new[i] + f" // edited {k}" if new[i].strip() else f"    // inserted {k}"
open(f"{root}/Big.cs", "w").write("\n".join(lines) + "\n")
open(f"{root}/Big.new.cs", "w").write("\n".join(new) + "\n")
PY
best=""
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  dotnet "$dll" new --root "$work" --from-diff Big.cs "$work/Big.new.cs" --out "$work/p$run.ap" 2>/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
done
edits=$(grep -cE '^[0-9a-f]{8} (REPLACE|INSERT_AFTER|INSERT_BEFORE|DELETE|RECREATE)$' "$work/p1.ap")
echo "new --from-diff, 10000 lines, 50 edits: best of 5 = ${best} ms (${edits} modifications written)"
