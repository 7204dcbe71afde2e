#!/usr/bin/env bash
# Issue 16 target 2: one ap patch making MODS modifications over FILES files of LINES lines each (500 × 400, 1,000 by
# default), applied with `patchbuild apply --force` (history on: journal and backups) against the reference patcher
# ap.py on the same tree. Runs alternate, each on a fresh copy; prints the medians (wall and CPU), the ratio and the
# target (patchbuild at least 20× faster). Both results are compared byte for byte.
# PATCHBUILD=path/to/patchbuild skips packing and installing (to compare two builds side by side).
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES="${1:-500}" LINES="${2:-400}" MODS="${3:-1000}" RUNS="${RUNS:-7}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
reference="$(cd ../shared/spec/reference && pwd)/ap.py"

tool="${PATCHBUILD:-}"
if [[ -z $tool ]]; then
  . tests/PatchBuild.Benchmarks/install-tool.sh
  install_patchbuild_tool "$work/tool"
  tool="$work/tool/patchbuild"
fi
dotnet run -c Release --project tests/PatchBuild.Benchmarks -- generate-ap-many "$work/corpus" "$FILES" "$LINES" "$MODS" >/dev/null
echo "corpus: $FILES files × $LINES lines, $(grep -c ' FILE$' "$work/corpus/afix.ap") file blocks, $MODS modifications"

# Every run gets its own copy, all made before the first one is timed, and none is deleted until the end. Deleting a
# tree just before a run would put its cost into the run: on ext4 without a journal (this machine's root file system,
# mounted with online discard) a new file skips every inode freed in the last 5-30 seconds, and freeing blocks waits
# for the disk's discard. Users do not delete a thousand files just before each apply; benchmarks should not either.
for i in $(seq "$RUNS"); do cp -R "$work/corpus" "$work/ap-$i"; cp -R "$work/corpus" "$work/pb-$i"; done
sync
copy=""
# The sync puts the previous run's write-back (ap.py leaves 500 dirty files) outside the next run: a commit's syncfs
# barrier would wait for it.
fresh() { copy="$work/$1"; sync; }
run() { # label, command...: appends "wall cpu" in ms to $work/$label
  local label="$1"; shift
  local s e; s=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null
  e=$(date +%s%N)
  read -r user sys < "$work/cpu"
  echo "$(( (e - s) / 1000000 )) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')" >> "$work/$label"
}
for i in $(seq "$RUNS"); do
  fresh "ap-$i"; run ap python3 "$reference" "$copy/afix.ap" --dir "$copy"
  fresh "pb-$i"; run pb "$tool" apply "$copy/afix.ap" --root "$copy" --force
done
for side in ap pb; do rm -f "$work/$side-1/afix.ap"; tar -C "$work/$side-1" -cf "$work/$side.tar" --exclude=.patchbuild .; done
# Same files, same bytes (archive metadata aside).
diff <(cd "$work" && mkdir -p a b && tar -C a -xf ap.tar && tar -C b -xf pb.tar && diff -r a b && echo same) <(echo same) >/dev/null \
  || { echo "ap.py and patchbuild results differ" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ap_wall=$(cut -d' ' -f1 "$work/ap" | median); pb_wall=$(cut -d' ' -f1 "$work/pb" | median)
ap_cpu=$(cut -d' ' -f2 "$work/ap" | median); pb_cpu=$(cut -d' ' -f2 "$work/pb" | median)
echo "ap.py wall (ms):      $(cut -d' ' -f1 "$work/ap" | tr '\n' ' ')"
echo "patchbuild wall (ms): $(cut -d' ' -f1 "$work/pb" | tr '\n' ' ')"
echo "median wall: ap.py ${ap_wall} ms, patchbuild ${pb_wall} ms: $(awk -v a="$ap_wall" -v b="$pb_wall" 'BEGIN {printf "%.1f", a / b}')× faster (target ≥ 20×)"
echo "median CPU:  ap.py ${ap_cpu} ms, patchbuild ${pb_cpu} ms: $(awk -v a="$ap_cpu" -v b="$pb_cpu" 'BEGIN {printf "%.1f", a / b}')×"
