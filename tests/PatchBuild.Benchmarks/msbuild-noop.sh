#!/usr/bin/env bash
# Cost of the PatchBuild package on an incremental no-op `dotnet build` with nothing pending.
# Builds two copies of samples/Quickstart (patches removed), one referencing the packed PatchBuild package and one
# without it, then times alternating pairs of `dotnet build --no-restore` and prints the medians and their ratio
# (goal: <= 1.03). Usage: tests/PatchBuild.Benchmarks/msbuild-noop.sh [pairs, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs="${1:-10}"
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
  dotnet build "$work/$1" --no-restore -nodeReuse:false -v:q >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

with_times=(); without_times=()
for ((i = 0; i < pairs; i++)); do
  # Alternate which variant goes first so drift on a shared machine hits both alike.
  if (( i % 2 == 0 )); then
    with_times+=("$(time_build with)"); without_times+=("$(time_build without)")
  else
    without_times+=("$(time_build without)"); with_times+=("$(time_build with)")
  fi
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
m_with=$(median "${with_times[@]}")
m_without=$(median "${without_times[@]}")
echo "with PatchBuild:    ${with_times[*]} ms (median $m_with ms)"
echo "without PatchBuild: ${without_times[*]} ms (median $m_without ms)"
awk -v a="$m_with" -v b="$m_without" 'BEGIN { printf "ratio with/without: %.3f (goal <= 1.03)\n", a / b }'

# Where the time goes in one no-op build with the package (the PatchBuild target is skipped by its condition).
dotnet build "$work/with" --no-restore -nodeReuse:false -clp:PerformanceSummary 2>&1 | grep -E "PatchBuild|Time Elapsed" || true
