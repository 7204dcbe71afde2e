#!/usr/bin/env bash
# Sourced by the process benchmarks: packs the dotnet tool and installs it into "$1" exactly as a user gets it
# (`dotnet tool install` picks the ReadyToRun PatchBuild.Tool.linux-x64 package on linux-x64, the portable one
# elsewhere), so the figures are those of the shipped tool, not of a debug-friendly build. A version of its own
# keeps the NuGet cache from serving an earlier build of the same version.
install_patchbuild_tool() {
  local into="$1" feed version
  feed="$(mktemp -d)"
  version="0.0.0-bench.$(date +%s%N)"
  dotnet pack src/PatchBuild.Cli -c Release -o "$feed" -p:Version="$version" -nodeReuse:false -v q >/dev/null
  dotnet tool install --tool-path "$into" --add-source "$feed" PatchBuild.Tool --version "$version" >/dev/null
  rm -rf "$feed"
  echo "tool: $(ls "$into/.store/patchbuild.tool/$version/" | grep -v '\.json$' | tr '\n' ' ')"
}
