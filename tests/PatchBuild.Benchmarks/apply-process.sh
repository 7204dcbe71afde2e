#!/usr/bin/env bash
# Whole-process cost of `patchbuild apply` on the generated corpus (100,000 lines, 1,000 modifications by default):
# median wall time over RUNS runs and the largest peak resident memory. Issue target: ≤ 0.5 s.
# PATCHBUILD=path/to/patchbuild skips packing and installing (to compare two builds side by side).
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES="${1:-100000}" MODS="${2:-1000}" RUNS="${RUNS:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

tool="${PATCHBUILD:-}"
if [[ -z $tool ]]; then
  . tests/PatchBuild.Benchmarks/install-tool.sh
  install_patchbuild_tool "$work/tool"
  tool="$work/tool/patchbuild"
fi
dotnet run -c Release --project tests/PatchBuild.Benchmarks -- generate-ap "$work/corpus" "$LINES" "$MODS"
cp "$work/corpus/Big.cs" "$work/Big.orig"

times=(); peak=0
for i in $(seq "$RUNS"); do
  cp "$work/Big.orig" "$work/corpus/Big.cs"
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$tool" apply "$work/corpus/afix.ap" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  rss=$(cat "$work/rss"); (( rss > peak )) && peak=$rss
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "patchbuild apply, $LINES lines, $MODS modifications, $RUNS runs"
echo "  runs (ms): ${times[*]}"
median=${sorted[$(( RUNS / 2 ))]}
echo "  median: $median ms; peak RSS: $(( peak / 1024 )) MB (target ≤ 500 ms: $( (( median <= 500 )) && echo met || echo MISSED))"
