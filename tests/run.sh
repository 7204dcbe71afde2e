#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this file).
# Restores from the configured NuGet source, builds, runs every test project, and ends with one plain summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build PatchBuild.sln -c Release -nodeReuse:false || exit 1

status=0
for project in tests/PatchBuild.*.Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nodeReuse:false \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The linux-x64 tool package ships the CLI compiled ahead of time (one native executable, trimmed): run the CLI suite
# again against that executable, so every process test holds for what linux-x64 users install. (The packaging test
# packs it on its own; here it is published once for the suite.)
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  native="$PWD/artifacts/native"
  if dotnet publish src/PatchBuild.Cli -c Release -r linux-x64 -o "$native" -nodeReuse:false -v:q -clp:ErrorsOnly; then
    PATCHBUILD_TEST_TOOL="$native/patchbuild" dotnet test tests/PatchBuild.Cli.Tests -c Release --no-build -nodeReuse:false \
      --filter "FullyQualifiedName!~ToolPackageTests" \
      --logger "trx;LogFileName=PatchBuild.Cli.Tests.native.trx" --results-directory "$results" || status=1
  else
    echo "publishing the native tool failed" >&2
    status=1
  fi
fi

# Sum the outcomes of every test project into the one line a reader (and CI) looks for.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
