#!/usr/bin/env bash
# What the pre-commit hook adds to `git commit`: median wall time of commits with the installed hook against the
# same commits with --no-verify, alternating so machine load hits both alike.
#   1) 20 staged files and no patch file      budget: +100 ms
#   2) the same plus one staged afix.ap patch  budget: +400 ms
# Usage: tests/PatchBuild.Benchmarks/hook-commit.sh [RUNS]   (default 15 runs of each variant)
#        R2R=1 tests/PatchBuild.Benchmarks/hook-commit.sh    (the CLI published ReadyToRun for this machine's RID)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-15}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${R2R:-0}" = 1 ]; then
  dotnet publish src/PatchBuild.Cli -c Release -nodeReuse:false -v q -o "$work/cli" --use-current-runtime --self-contained false -p:PublishReadyToRun=true >/dev/null
else
  dotnet build src/PatchBuild.Cli -c Release -nodeReuse:false -v q -o "$work/cli" >/dev/null
fi
repo="$work/repo"; mkdir -p "$repo/src"; cd "$repo"
git init -q -b main
git config user.name bench; git config user.email bench@patchbuild.invalid; git config commit.gpgsign false
for i in $(seq 20); do printf 'namespace Bench;\n\npublic class C%d\n{\n    public int Value => 0;\n}\n' "$i" > "src/C$i.cs"; done
printf 'namespace Bench;\n\npublic static class Greeter\n{\n    public static string Greet() => "Hello";\n}\n' > src/Greeter.cs
git add -A; git commit -q -m initial
dotnet "$work/cli/patchbuild.dll" hook install >/dev/null

run=0
stage_files() {
  run=$((run + 1))
  for i in $(seq 20); do printf 'namespace Bench;\n\npublic class C%d\n{\n    public int Value => %d;\n}\n' "$i" "$run" > "src/C$i.cs"; done
  git add src
}

stage_patch() {
  cat > afix.ap <<AP
# Summary: benchmark run $run
e4a2f1b8 AP 3.2
e4a2f1b8 FILE
src/Greeter.cs
e4a2f1b8 REPLACE
e4a2f1b8 snippet
public static string Greet() => "Hello";
e4a2f1b8 content
    public static string Greet() => "Hello, world";
AP
  git add afix.ap
}

# Times one commit in ms; a commit the hook blocks (e.g. before the ap format exists) is undone by unstaging.
time_commit() {
  local start end
  start=$(date +%s%N)
  git commit -q -m "run $run" "$@" >/dev/null 2>"$work/hook.err" || { echo "  (commit blocked: $(head -1 "$work/hook.err"))" >&2; git reset -q; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

measure() {
  local label="$1" budget="$2" with_patch="$3" with=() without=()
  for _ in $(seq "$RUNS"); do
    stage_files; [ "$with_patch" = 1 ] && stage_patch
    with+=("$(time_commit)")
    stage_files; [ "$with_patch" = 1 ] && stage_patch
    without+=("$(time_commit --no-verify)")
  done
  local mw mo
  mw=$(median "${with[@]}"); mo=$(median "${without[@]}")
  echo "$label"
  echo "  with hook (ms):    ${with[*]}"
  echo "  without hook (ms): ${without[*]}"
  echo "  median $mw ms with, $mo ms without: the hook adds $((mw - mo)) ms (budget $budget ms)"
}

echo "patchbuild pre-commit hook ($([ "${R2R:-0}" = 1 ] && echo ReadyToRun || echo JIT) build), $RUNS alternating runs per variant, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "20 staged files, no patch file" 100 0
measure "20 staged files and one staged afix.ap" 400 1
