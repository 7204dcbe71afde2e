#!/usr/bin/env bash
# Whole-process `patchbuild apply` against `git apply` on the same git diff (about 5 MiB touching 1,179 files of 73
# lines by default, as issue 16 target 3 measures it): all run on fresh copies of the same tree, alternating, RUNS times
# each; prints the medians and the ratios (plain apply, and apply --force without the C# syntax check).
# Issue target: ratio ≤ 1.5 with validation on. PATCHBUILD=path/to/patchbuild skips packing and installing.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES="${FILES:-1179}" LINES="${LINES:-73}" RUNS="${RUNS:-9}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

tool="${PATCHBUILD:-}"
if [[ -z $tool ]]; then
  . tests/PatchBuild.Benchmarks/install-tool.sh
  install_patchbuild_tool "$work/tool"
  tool="$work/tool/patchbuild"
fi

# A tree of C#-like files, then real edits to most of their lines so the diff reaches about 5 MB.
python3 - "$work/tree" "$FILES" "$LINES" <<'PY'
import os, random, sys
root, files, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(42)
for f in range(files):
    lines = [f"    public int Value{f}_{i}(int x) => x * {i} + {rng.randint(0, 9999)};" for i in range(count)]
    path = os.path.join(root, f"src/Module{f % 10}", f"File{f}.cs")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").write(f"namespace M{f};\npublic class C{f}\n{{\n" + "\n".join(lines) + "\n}\n")
PY
git -C "$work/tree" init -q && git -C "$work/tree" -c user.name=b -c user.email=b@b add -A && git -C "$work/tree" -c user.name=b -c user.email=b@b commit -qm base
python3 - "$work/tree" <<'PY'
import os, random, sys
rng = random.Random(7)
for dirpath, _, names in os.walk(sys.argv[1]):
    if ".git" in dirpath:
        continue
    for name in names:
        path = os.path.join(dirpath, name)
        lines = open(path).read().split("\n")
        for i in range(3, len(lines) - 2):
            if rng.random() < 0.22:
                lines[i] = lines[i].replace("x *", "x * 2 *") + " // changed"
        open(path, "w").write("\n".join(lines))
PY
git -C "$work/tree" diff > "$work/change.patch"
git -C "$work/tree" checkout -q -- .
echo "diff: $(du -k "$work/change.patch" | cut -f1) KB over $(grep -c '^diff --git' "$work/change.patch") files"

# The copy's patchbuild.json lifts the PB1008 size limits (500 lines, 50 files by default): this diff is far larger.
# Every run gets its own copy, all made before the first one is timed (and synced, so their write-back does not land
# in a run), none deleted until the end: see many-files-vs-ap.sh for why a deletion just before a run would be timed.
for i in $(seq "$RUNS"); do
  for side in git pb force; do
    cp -R "$work/tree" "$work/$side-$i" && rm -rf "$work/$side-$i/.git"
    echo '{ "safety": { "limits": { "maxChangedLines": 10000000, "maxChangedFiles": 100000 } } }' > "$work/$side-$i/patchbuild.json"
  done
done
sync
copy=""
# The sync puts the previous run's write-back outside the next run (a commit's syncfs barrier would wait for it).
fresh() { copy="$work/$1"; sync; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
git_times=(); pb_times=(); force_times=()
for i in $(seq "$RUNS"); do
  fresh "git-$i"; git_times+=($(ms git -C "$copy" apply "$work/change.patch"))
  fresh "pb-$i"; pb_times+=($(ms "$tool" apply "$work/change.patch" --root "$copy"))
  # --force skips the C# syntax check (safety rules, backups and the journal stay): closest to what git apply does.
  fresh "force-$i"; force_times+=($(ms "$tool" apply "$work/change.patch" --root "$copy" --force))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
g=$(median "${git_times[@]}"); p=$(median "${pb_times[@]}"); f=$(median "${force_times[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "git apply (ms): ${git_times[*]}"
echo "patchbuild apply (ms): ${pb_times[*]}"
echo "patchbuild apply --force (ms): ${force_times[*]}"
echo "median: git apply ${g} ms, patchbuild apply ${p} ms (ratio $(ratio "$p" "$g"), target ≤ 1.5), --force ${f} ms (ratio $(ratio "$f" "$g"))"
