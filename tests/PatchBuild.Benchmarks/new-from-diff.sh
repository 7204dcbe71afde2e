#!/usr/bin/env bash
# Times `patchbuild new --from-diff` on a 10,000-line C# file with 50 edits inside members (median of 5 runs, wall
# clock, including process start), and checks the patch is locator-based and rebuilds the new version.
# Usage: tests/PatchBuild.Benchmarks/new-from-diff.sh [path/to/patchbuild.dll]   (KEEP=1 keeps the work folder)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
dll="${1:-$here/src/PatchBuild.Cli/bin/Release/net10.0/patchbuild.dll}"
work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT; echo "work: $work" >&2
python3 - "$work" <<'PY'
# A realistic file: well-formed C#, members whose lines differ (as real code's mostly do), and edits inside member
# bodies (a changed statement, an added statement, a changed return), one member each, the way a fix touches code.
import sys, random
random.seed(2026)
root = sys.argv[1]
lines, members = ["namespace Bench;", ""], []
c = 0
while len(lines) < 9990:
    lines += [f"public sealed class C{c}", "{"]
    for m in range(8):
        members.append(len(lines))
        lines += [f"    public int M{m}(int x)", "    {", f"        var v = x * {m + 2} + {c};", f"        if (v > {c * 8 + m})", "        {",
                  f"            return Helper{c}(v, {m});", "        }", "", f"        return v - {m + 1};", "    }", ""]
    lines[-1:] = ["}", ""]
    c += 1
lines = lines[:-1]
new = list(lines)
for k, at in enumerate(sorted(random.sample(members, 50), reverse=True)):
    kind = k % 3
    if kind == 0:
        new[at + 2] = new[at + 2].replace("var v = x", f"var v = {k + 3} * x")
    elif kind == 1:
        new[at + 3:at + 3] = [f"        Trace.Write(\"edit {k}\", v);"]
    else:
        new[at + 8] = new[at + 8].replace("return v -", "return v +")
open(f"{root}/Big.cs", "w").write("\n".join(lines) + "\n")
open(f"{root}/Big.new.cs", "w").write("\n".join(new) + "\n")
PY
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  dotnet "$dll" new --root "$work" --from-diff Big.cs "$work/Big.new.cs" --out "$work/p$run.ap" 2>"$work/warnings$run.txt"
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
edits=$(grep -cE '^[0-9a-f]{8} (REPLACE|INSERT_AFTER|INSERT_BEFORE|DELETE)$' "$work/p1.ap" || true)
if grep -q AUTHOR_RECREATED "$work/warnings1.txt" || grep -qE '^[0-9a-f]{8} RECREATE$' "$work/p1.ap"; then
  kind="RECREATE (AUTHOR_RECREATED): not the normal path"
else
  kind="locator-based, no AUTHOR_RECREATED"
fi
# The patch must rebuild the new version when applied to a copy of the old one.
mkdir "$work/check" && cp "$work/Big.cs" "$work/check/Big.cs"
dotnet "$dll" apply "$work/p1.ap" --root "$work/check" --force >/dev/null
cmp -s "$work/check/Big.cs" "$work/Big.new.cs" && rebuilt="applies to the new version byte for byte" || rebuilt="DOES NOT rebuild the new version"
echo "new --from-diff, $(wc -l < "$work/Big.cs") lines, 50 edits: median of 5 = ${median} ms (runs: ${times[*]} ms); ${edits} edits, ${kind}; ${rebuilt}"
