#!/usr/bin/env bash
# Whole-process cost of `patchbuild apply` on a 1,000-block Aider answer against a 100,000-line file, beside the
# same edits as an ap patch (same source, same results: the script checks the bytes agree). Median wall time over
# RUNS runs of each, interleaved, the median CPU time (user + system: steadier than wall time on a busy machine) and
# the largest peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES="${1:-100000}" BLOCKS="${2:-1000}" RUNS="${RUNS:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

. tests/PatchBuild.Benchmarks/install-tool.sh
install_patchbuild_tool "$work/tool"
dotnet run -c Release --project tests/PatchBuild.Benchmarks -- generate-aider "$work/corpus" "$LINES" "$BLOCKS"
cp "$work/corpus/Big.cs" "$work/Big.orig"

declare -A times cpu peak
for dialect in aider ap; do times[$dialect]=""; cpu[$dialect]=""; peak[$dialect]=0; done
for i in $(seq "$RUNS"); do
  for dialect in aider ap; do
    patch="$work/corpus/answer.md"; [[ $dialect == ap ]] && patch="$work/corpus/afix.ap"
    cp "$work/Big.orig" "$work/corpus/Big.cs"
    rm -rf "$work/corpus/.patchbuild"
    start=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$work/rss" "$work/tool/patchbuild" apply "$patch" >/dev/null
    end=$(date +%s%N)
    times[$dialect]+="$(( (end - start) / 1000000 )) "
    read -r rss user sys < "$work/rss"
    cpu[$dialect]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') "
    (( rss > peak[$dialect] )) && peak[$dialect]=$rss
    cp "$work/corpus/Big.cs" "$work/result.$dialect"
  done
done

cmp -s "$work/result.aider" "$work/result.ap" || { echo "the Aider and ap results differ" >&2; exit 1; }
echo "patchbuild apply, $LINES lines, $BLOCKS edits, $RUNS runs each (results identical)"
for dialect in aider ap; do
  sorted=($(printf '%s\n' ${times[$dialect]} | sort -n))
  sorted_cpu=($(printf '%s\n' ${cpu[$dialect]} | sort -n))
  echo "  $dialect: wall (ms): ${times[$dialect]}"
  echo "  $dialect: median wall ${sorted[$(( RUNS / 2 ))]} ms; median CPU ${sorted_cpu[$(( RUNS / 2 ))]} ms; peak RSS $(( peak[$dialect] / 1024 )) MB"
done
