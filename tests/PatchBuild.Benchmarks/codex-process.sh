#!/usr/bin/env bash
# Whole-process cost of `patchbuild apply` with a Codex patch beside the same edits as ap (generate-codex: 100,000
# lines, 1,000 chunks by default), runs alternated so both see the same machine load. Also checks that both
# dialects leave the same bytes. Median wall time over RUNS runs and the largest peak resident memory of each.
set -euo pipefail
cd "$(dirname "$0")/../.."
LINES="${1:-100000}" MODS="${2:-1000}" RUNS="${RUNS:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

. tests/PatchBuild.Benchmarks/install-tool.sh
install_patchbuild_tool "$work/tool"
dotnet run -c Release --project tests/PatchBuild.Benchmarks -- generate-codex "$work/corpus" "$LINES" "$MODS"
mv "$work/corpus/afix.ap" "$work/afix.ap"; mv "$work/corpus/codex.patch" "$work/codex.patch"
cp "$work/corpus/Big.cs" "$work/Big.orig"

declare -A times peak
for dialect in ap codex; do times[$dialect]=""; peak[$dialect]=0; done
for i in $(seq "$RUNS"); do
  for dialect in ap codex; do
    patch="$work/afix.ap"; [[ $dialect == codex ]] && patch="$work/codex.patch"
    cp "$work/Big.orig" "$work/corpus/Big.cs"
    rm -rf "$work/corpus/.patchbuild"
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$work/tool/patchbuild" apply "$patch" --root "$work/corpus" >/dev/null
    end=$(date +%s%N)
    times[$dialect]+="$(( (end - start) / 1000000 )) "
    rss=$(cat "$work/rss"); (( rss > peak[$dialect] )) && peak[$dialect]=$rss
    cp "$work/corpus/Big.cs" "$work/result.$dialect"
  done
done
cmp -s "$work/result.ap" "$work/result.codex" && same="identical" || same="DIFFERENT"
echo "patchbuild apply, $LINES lines, $MODS edits, $RUNS runs each (results $same)"
for dialect in ap codex; do
  sorted=($(printf '%s\n' ${times[$dialect]} | sort -n))
  echo "  $dialect: runs (ms): ${times[$dialect]}"
  echo "  $dialect: median ${sorted[$(( RUNS / 2 ))]} ms; peak RSS $(( peak[$dialect] / 1024 )) MB"
done
