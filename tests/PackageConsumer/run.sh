#!/usr/bin/env bash
# Packaged-consumer test: packs SourceGen with a unique version, restores it in a fresh project from a
# local folder feed (private package cache, so no stale copy), builds the DESIGN.md examples and runs them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-ci.$(date +%s)"

dotnet pack "$root/src/Runtime/Runtime.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet

# The package must carry the runtime in lib/ and the generator in analyzers/, and depend on nothing.
unzip -l "$work/feed/SourceGen.$version.nupkg" | grep -q "lib/net10.0/SourceGen.Runtime.dll"
unzip -l "$work/feed/SourceGen.$version.nupkg" | grep -q "analyzers/dotnet/cs/SourceGen.Generator.dll"
if unzip -p "$work/feed/SourceGen.$version.nupkg" SourceGen.nuspec | grep -q "<dependency "; then
  echo "the package declares dependencies:"; unzip -p "$work/feed/SourceGen.$version.nupkg" SourceGen.nuspec; exit 1
fi

mkdir -p "$work/consumer"
cp "$here/Consumer.csproj.template" "$work/consumer/Consumer.csproj"
cp "$here/Program.cs.template" "$work/consumer/Program.cs"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
# The consumer is outside the repository: none of its Directory.*.props apply.
export NUGET_PACKAGES="$work/packages"
dotnet build "$work/consumer/Consumer.csproj" -c Release -p:SourceGenVersion="$version" -nologo -v quiet
ls "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/ | grep -q "Activations.Rel("
grep -q "Vector512.IsHardwareAccelerated" "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/Activations.Sigmoid*.g.cs
dotnet "$work/consumer/bin/Release/net10.0/Consumer.dll"
