#!/usr/bin/env bash
# What the pre-commit hook adds to `git commit`, measured on the INSTALLED tool (install-tool.sh: `dotnet pack` and
# `dotnet tool install`, the ReadyToRun PatchBuild.Tool.linux-x64 package on linux-x64), as users run it. Median wall
# time of commits through the installed hook against the same commits with --no-verify, alternating so machine load
# hits both alike (issue 16, target 1):
#   1) 20 staged files and no patch file       budget: +50 ms
#   2) the same plus one staged afix.ap patch   budget: +150 ms
#   3) as 1), in a repository after an apply: a top-level patchbuild.json and .patchbuild (journal, backups), which
#      the script trusts through the engine's .git/patchbuild-hook-state      budget: +50 ms
# It also prints a deterministic proxy that load does not blur: the processes one hook run starts (strace, execve),
# and whether one of them is dotnet/patchbuild.
# Usage: tests/PatchBuild.Benchmarks/hook-commit.sh [RUNS]        (default 15 runs of each variant)
#        TOOL_DIR=/path tests/PatchBuild.Benchmarks/hook-commit.sh (reuse a tool installed there; else one is installed)
#        CHRT=1 ...                                                (run under chrt -f 50 when allowed)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-15}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

tool_dir="${TOOL_DIR:-}"
if [ -z "$tool_dir" ]; then
  . tests/PatchBuild.Benchmarks/install-tool.sh
  tool_dir="$work/tool"
  install_patchbuild_tool "$tool_dir"
fi
patchbuild="$tool_dir/patchbuild"

prio=()
if [ "${CHRT:-0}" = 1 ] && chrt -f 50 true 2>/dev/null; then prio=(chrt -f 50); fi

repo="$work/repo"; mkdir -p "$repo/src"; cd "$repo"
git init -q -b main
git config user.name bench; git config user.email bench@patchbuild.invalid; git config commit.gpgsign false
for i in $(seq 20); do printf 'namespace Bench;\n\npublic class C%d\n{\n    public int Value => 0;\n}\n' "$i" > "src/C$i.cs"; done
printf 'namespace Bench;\n\npublic static class Greeter\n{\n    public static string Greet() => "Hello";\n}\n' > src/Greeter.cs
git add -A; git commit -q -m initial
"$patchbuild" hook install >/dev/null

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

# Times one commit in ms; a commit the hook blocks is undone by unstaging (and reported).
time_commit() {
  local start end
  start=$(date +%s%N)
  "${prio[@]}" git commit -q -m "run $run" "$@" >/dev/null 2>"$work/hook.err" || { echo "  (commit blocked: $(head -1 "$work/hook.err"))" >&2; git reset -q; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# The processes the hook alone starts for one commit of this kind (the hook runs under strace, the commit does not).
count_processes() {
  local with_patch="$1" hook log
  stage_files; [ "$with_patch" = 1 ] && stage_patch
  hook="$(git rev-parse --git-path hooks)/pre-commit"
  log="$work/strace.log"
  GIT_INDEX_FILE="$(git rev-parse --git-path index)" strace -f -qq -e trace=execve -o "$log" "$hook" >/dev/null 2>&1 || true
  local total dotnet
  total=$(grep -c 'execve(' "$log" || true)
  dotnet=$(grep 'execve(' "$log" | grep -v ENOENT | grep -cE '/(dotnet|patchbuild)"' || true)
  # CPU time (user + sys) of the hook alone, median of 7: steadier than wall time on a loaded machine.
  local cpu=()
  for _ in 1 2 3 4 5 6 7; do
    cpu+=("$(GIT_INDEX_FILE="$(git rev-parse --git-path index)" /usr/bin/time -f '%U %S' "$hook" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", ($1 + $2) * 1000 }')")
  done
  git commit -q --no-verify -m "proxy $run" >/dev/null
  echo "  processes the hook starts: $total execve calls (incl. PATH lookups that failed), $dotnet of them dotnet/patchbuild"
  echo "  CPU time of the hook alone (user+sys, ms): ${cpu[*]} (median $(median "${cpu[@]}"))"
}

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
  echo "  median $mw ms with, $mo ms without: the hook adds $((mw - mo)) ms (budget +$budget ms: $([ $((mw - mo)) -le "$budget" ] && echo met || echo MISSED)); ratio $(awk -v a="$mw" -v b="$mo" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
  count_processes "$with_patch"
}

echo "patchbuild pre-commit hook, installed tool ($("$patchbuild" --version 2>/dev/null | head -1)), $RUNS alternating runs per variant, $(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg)${prio:+, chrt -f 50}"
measure "20 staged files, no patch file" 50 0
measure "20 staged files and one staged afix.ap" 150 1

# A repository after a real apply: settings at the top, a journal and backups in .patchbuild. The first commit after
# the apply runs the engine, which records the state; the measured commits that follow must not need it.
printf '{ "hook": { "requireApplied": false } }\n' > patchbuild.json
git add patchbuild.json; git rm -q --cached afix.ap 2>/dev/null || true; rm -f afix.ap
git commit -q --no-verify -m settings
cat > "$work/extra.ap" <<AP
e4a2f1b8 AP 3.2
e4a2f1b8 FILE
src/Greeter.cs
e4a2f1b8 REPLACE
e4a2f1b8 snippet
public static string Greet() => "Hello";
e4a2f1b8 content
    public static string Greet() => "Hello, applied";
AP
"$patchbuild" apply "$work/extra.ap" --root "$repo" >/dev/null
[ -d .patchbuild ] || { echo "the apply left no .patchbuild" >&2; exit 1; }
git add src; git commit -q -m "apply result" >/dev/null 2>&1 || { echo "the commit after the apply was blocked" >&2; exit 1; }
measure "20 staged files after an apply (patchbuild.json and .patchbuild at the top)" 50 0
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
