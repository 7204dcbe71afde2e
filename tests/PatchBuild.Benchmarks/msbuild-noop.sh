#!/usr/bin/env bash
# The PatchBuild package's cost on `dotnet build` (issue 16, target 4), in two parts:
# 1) An incremental no-op build with nothing pending: two copies of samples/Quickstart (patches removed), one
#    referencing the packed PatchBuild package and one without it; alternating pairs of `dotnet build --no-restore`,
#    the median of the per-pair ratios (goal <= 1.03) next to the ratio of the medians.
# 2) A build that applies Quickstart's two patches (afix.ap, patch.json): the ApplyPatches task's own time from the
#    build's -clp:PerformanceSummary (goal <= 300 ms), median over APPLY_RUNS fresh copies of the sources.
# Usage: tests/PatchBuild.Benchmarks/msbuild-noop.sh [pairs, default 10]   (APPLY_RUNS=5, CHRT=1 for chrt -f 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs="${1:-10}"
apply_runs="${APPLY_RUNS:-5}"
prio=()
if [ "${CHRT:-0}" = 1 ] && chrt -f 50 true 2>/dev/null; then prio=(chrt -f 50); fi
echo "machine: $(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg)${prio:+, chrt -f 50}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
unset CI ContinuousIntegrationBuild TF_BUILD GITHUB_ACTIONS || true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-packages"

dotnet pack src/PatchBuild.Package -c Release -o "$work/feed" -nodeReuse:false -v:q >/dev/null
cat > "$work/NuGet.Config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="feed" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG

for variant in with without; do
  mkdir -p "$work/$variant"
  cp samples/Quickstart/Program.cs samples/Quickstart/appsettings.json samples/Quickstart/Quickstart.csproj "$work/$variant/"
done
# Same project, minus the package reference.
sed -i '/Include="PatchBuild"/d' "$work/without/Quickstart.csproj"

for variant in with without; do
  dotnet build "$work/$variant" -nodeReuse:false -v:q >/dev/null
  dotnet build "$work/$variant" --no-restore -nodeReuse:false -v:q >/dev/null   # warm-up
done

time_build() {
  local start end
  start=$(date +%s%N)
  "${prio[@]}" dotnet build "$work/$1" --no-restore -nodeReuse:false -v:q >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

with_times=(); without_times=(); pair_ratios=()
for ((i = 0; i < pairs; i++)); do
  # Alternate which variant goes first so drift on a shared machine hits both alike.
  if (( i % 2 == 0 )); then
    with_times+=("$(time_build with)"); without_times+=("$(time_build without)")
  else
    without_times+=("$(time_build without)"); with_times+=("$(time_build with)")
  fi
  pair_ratios+=("$(awk -v a="${with_times[$i]}" -v b="${without_times[$i]}" 'BEGIN { printf "%.3f", a / b }')")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
m_with=$(median "${with_times[@]}")
m_without=$(median "${without_times[@]}")
echo "with PatchBuild:    ${with_times[*]} ms (median $m_with ms)"
echo "without PatchBuild: ${without_times[*]} ms (median $m_without ms)"
m_pair=$(median "${pair_ratios[@]}")
echo "pair ratios:        ${pair_ratios[*]}"
awk -v a="$m_with" -v b="$m_without" -v p="$m_pair" 'BEGIN { printf "no-op build: median pair ratio with/without %.3f (goal <= 1.03: %s); ratio of medians %.3f\n", p, (p <= 1.03 ? "met" : "MISSED"), a / b }'

# Where the time goes in one no-op build with the package (the PatchBuild target is skipped by its condition).
dotnet build "$work/with" --no-restore -nodeReuse:false -clp:PerformanceSummary 2>&1 | grep -E "PatchBuild|ApplyPatches|Time Elapsed" || true

# Part 2: the same project with its two patches pending, reset before every build; the task's time from the summary.
mkdir -p "$work/apply"
cp samples/Quickstart/Program.cs samples/Quickstart/appsettings.json samples/Quickstart/Quickstart.csproj "$work/apply/"
dotnet build "$work/apply" -nodeReuse:false -v:q >/dev/null
task_times=()
for ((i = 0; i < apply_runs; i++)); do
  rm -rf "$work/apply/.patchbuild"
  cp samples/Quickstart/Program.cs samples/Quickstart/appsettings.json samples/Quickstart/afix.ap samples/Quickstart/patch.json "$work/apply/"
  "${prio[@]}" dotnet build "$work/apply" --no-restore -nodeReuse:false -v:m -clp:PerformanceSummary > "$work/apply.log" 2>&1 || { echo "apply build failed:"; tail -20 "$work/apply.log"; exit 1; }
  grep -q "afix.ap" "$work/apply/.patchbuild"/history.jsonl 2>/dev/null || grep -rqs "Hello" "$work/apply/.patchbuild" || echo "  (warning: no history written; did the patches apply?)"
  task_times+=("$(awk '/Task Performance Summary/ { t = 1 } t && $3 == "ApplyPatches" { print $1; exit }' "$work/apply.log")")
done
m_task=$(median "${task_times[@]}")
echo "ApplyPatches task (Quickstart's two patches): ${task_times[*]} ms (median $m_task ms; goal <= 300 ms: $(awk -v t="$m_task" 'BEGIN { print (t <= 300 ? "met" : "MISSED") }'))"
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
