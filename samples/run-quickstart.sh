#!/usr/bin/env bash
# The main job on the bundled sample: pack PatchBuild, copy samples/Quickstart to a temporary folder, run a real
# `dotnet build` there (which applies the queued afix.ap and patch.json before compiling), run the program, and show
# what changed. The checkout is left as it was; the temporary folder is removed at the end.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/patchbuild-quickstart.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A private package folder, so this run uses the package it just packed and never an older copy of the same version.
export NUGET_PACKAGES="$work/packages"
# Apply mode even when run inside CI (where PatchBuild only verifies by default).
unset CI

echo "==> Packing PatchBuild from this checkout"
dotnet pack "$repo/src/PatchBuild.Package" -c Release -o "$work/feed" -nodeReuse:false -v:q -clp:ErrorsOnly

echo "==> Copying samples/Quickstart to $work"
mkdir -p "$work/before"
( cd "$repo/samples/Quickstart" && tar --exclude=bin --exclude=obj -cf - . ) | ( cd "$work/before" && tar -xf - )
cp -R "$work/before" "$work/Quickstart"
cat > "$work/NuGet.Config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="patchbuild-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="patchbuild-local"><package pattern="PatchBuild" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG

echo "==> dotnet build (applies the pending patches, then compiles)"
dotnet build "$work/Quickstart" -nodeReuse:false -v:m

echo "==> Running the patched program"
dotnet run --project "$work/Quickstart" --no-build

echo "==> What the build changed"
for file in Program.cs appsettings.json; do
  git --no-pager diff --no-index -- "$work/before/$file" "$work/Quickstart/$file" || true
done
echo "==> Pending patches archived under .patchbuild/applied:"
ls "$work/Quickstart/.patchbuild/applied"
