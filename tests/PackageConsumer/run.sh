#!/usr/bin/env bash
# Packaged-consumer test: packs SourceGen with a unique version, restores it in a fresh project from a
# local folder feed (private package cache, so no stale copy), builds the README's examples and runs them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-ci.$(date +%s)"

dotnet pack "$root/src/Runtime/Runtime.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet

# The package must carry the runtime in lib/ and the generator and its code fixes in analyzers/, and depend on nothing.
# A .nupkg is a zip; read it with Python's zipfile, or unzip where Python is missing (neither is in every image).
nupkg="$work/feed/SourceGen.$version.nupkg"
zip_list() {
  if command -v python3 > /dev/null; then python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
  elif command -v unzip > /dev/null; then unzip -Z1 "$1"
  else echo "run.sh needs python3 or unzip to read the package" >&2; return 1; fi
}
zip_read() {
  if command -v python3 > /dev/null; then python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"
  else unzip -p "$1" "$2"; fi
}
contents=$(zip_list "$nupkg")
for required in lib/net10.0/SourceGen.Runtime.dll analyzers/dotnet/cs/SourceGen.Generator.dll analyzers/dotnet/cs/SourceGen.CodeFixes.dll; do
  if ! grep -qx "$required" <<< "$contents"; then echo "the package lacks $required; it holds:"; echo "$contents"; exit 1; fi
done
nuspec=$(zip_read "$nupkg" SourceGen.nuspec)
# Dependencies: ILGPU, which compiles Target.Gpu kernels at run time, and ILGPU.Algorithms (device math functions).
if grep "<dependency " <<< "$nuspec" | grep -vq -e 'id="ILGPU"' -e 'id="ILGPU.Algorithms"'; then
  echo "the package declares dependencies other than ILGPU and ILGPU.Algorithms:"; echo "$nuspec"; exit 1
fi

# System.Numerics.Tensors (for the TensorSpan<T> kernels) from the package cache the repository's build restored.
tensors_version=$(sed -n 's/.*Include="System.Numerics.Tensors" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
tensors_nupkg="${NUGET_PACKAGES:-$HOME/.nuget/packages}/system.numerics.tensors/$tensors_version/system.numerics.tensors.$tensors_version.nupkg"
[ -f "$tensors_nupkg" ] || { echo "missing $tensors_nupkg: build the repository first (it restores System.Numerics.Tensors)"; exit 1; }
cp "$tensors_nupkg" "$work/feed/"
for package in ILGPU ILGPU.Algorithms; do
  package_version=$(sed -n "s/.*Include=\"$package\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props")
  id=$(tr '[:upper:]' '[:lower:]' <<< "$package")
  package_nupkg="${NUGET_PACKAGES:-$HOME/.nuget/packages}/$id/$package_version/$id.$package_version.nupkg"
  [ -f "$package_nupkg" ] || { echo "missing $package_nupkg: build the repository first (it restores $package)"; exit 1; }
  cp "$package_nupkg" "$work/feed/"
done

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
repository_packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
export NUGET_PACKAGES="$work/packages"
dotnet build "$work/consumer/Consumer.csproj" -c Release -p:SourceGenVersion="$version" -p:TensorsVersion="$tensors_version" -nologo -v quiet
# (No "| grep -q" under pipefail: grep quitting early would fail the writer with SIGPIPE.)
generated=$(ls "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/)
grep -qE "^Activations\.Rel\.[0-9A-F]{12}\.g\.cs$" <<< "$generated" || { echo "no generated Activations.Rel file; generated: $generated"; exit 1; }
grep -q "Vector512.IsHardwareAccelerated" "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/Activations.Sigmoid*.g.cs
jit_output=$(dotnet "$work/consumer/bin/Release/net10.0/Consumer.dll")
echo "$jit_output"

# The same consumer published as users deploy it: NativeAOT (IlcInstructionSet=native: the instruction sets of the
# machine it is built on, which here is the one it runs on) and ReadyToRun. Each must publish without a warning (trim
# and AOT analysis included), print the same results as the JIT run, and run the same vector path. The publishes
# restore the compiler packages (ILCompiler, crossgen2, runtime packs) from the machine's own package sources, so their
# nuget.config adds the local feed without clearing those; the repository's package cache is read first.
mkdir -p "$work/deploy"
cp "$here/Consumer.csproj.template" "$work/deploy/Consumer.csproj"
cp "$here/Program.cs.template" "$work/deploy/Program.cs"
cat > "$work/deploy/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="cache" value="$repository_packages" />
  </fallbackPackageFolders>
</configuration>
XML
same_as_jit() {  # $1: what, $2: its output
  for key in simd results; do
    local expected actual
    expected=$(grep "^$key: " <<< "$jit_output"); actual=$(grep "^$key: " <<< "$2" || true)
    [ "$expected" = "$actual" ] || { echo "$1: '$actual' where the JIT run printed '$expected'"; exit 1; }
  done
}
publish() {  # $1: what, $2: output folder, then the publish properties; fails on any warning
  local log="$work/$(basename "$2").log"
  if ! dotnet publish "$work/deploy/Consumer.csproj" -c Release -r linux-x64 -p:SourceGenVersion="$version" \
      -p:TensorsVersion="$tensors_version" -o "$2" -nologo -v quiet "${@:3}" > "$log" 2>&1; then
    if grep -qE "NU1101|NU1102|NU1301" "$log"; then
      echo "$1: SKIPPED, its compiler package could not be restored here:"; grep -E "NU1101|NU1102|NU1301" "$log" | head -5
      return 1
    fi
    echo "$1: the publish failed"; cat "$log"
    if grep -qE "ILGPU.dll.*IL(2104|3053)" "$log"; then
      echo "(ILGPU's own trim/AOT warnings: generated Target.Gpu code must leave the ILGPU launch unreachable under NativeAOT,"
      echo " i.e. test RuntimeFeature.IsDynamicCodeSupported beside GpuRuntime.TryAcquire; see the README's Deploying section)"
    fi
    exit 1
  fi
  if grep -qiE "warning|IL[23][0-9]{3}" "$log"; then echo "$1: the publish warned"; cat "$log"; exit 1; fi
}
deployed=()
# NativeAOT links with clang on Linux: a fresh Debian machine gets it here when this script may install packages.
if ! command -v clang > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld zlib1g-dev) > "$work/apt.log" 2>&1 \
    || echo "note: installing clang failed (see $work/apt.log); the NativeAOT publish is skipped"
fi
if ! command -v clang > /dev/null; then
  deployed+=("NativeAOT SKIPPED: no clang (NativeAOT links with clang on Linux: apt-get install clang zlib1g-dev)")
elif publish NativeAOT "$work/aot" -p:PublishAot=true -p:IlcInstructionSet=native; then
  aot_output=$("$work/aot/Consumer")
  grep -q "^simd: " <<< "$aot_output" || { echo "NativeAOT: no simd line: $aot_output"; exit 1; }
  same_as_jit NativeAOT "$aot_output"
  deployed+=("NativeAOT (IlcInstructionSet=native) $(grep -oE "the Vector[0-9]+ path" <<< "$aot_output")")
else
  deployed+=("NativeAOT SKIPPED: the ILCompiler package could not be restored")
fi
if publish ReadyToRun "$work/r2r" -p:PublishReadyToRun=true; then
  # A ReadyToRun image carries the 'RTR' header signature; an IL-only assembly does not.
  grep -q "RTR" "$work/r2r/Consumer.dll" || { echo "ReadyToRun: Consumer.dll is not a ReadyToRun image"; exit 1; }
  same_as_jit ReadyToRun "$("$work/r2r/Consumer")"
  deployed+=("ReadyToRun $(grep -oE "the Vector[0-9]+ path" <<< "$jit_output")")
else
  deployed+=("ReadyToRun SKIPPED: the crossgen2 package could not be restored")
fi

# The package's MSBuild properties. SourceGenStrict makes a fallback warning an error; an .editorconfig severity
# still accepts it; SourceGenReport writes the annotated report and prints its path.
mkdir -p "$work/strict"
cp "$work/consumer/nuget.config" "$work/strict/"
cat > "$work/strict/Strict.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <SourceGenStrict>true</SourceGenStrict>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SourceGen" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/strict/Kernels.cs" <<'CS'
using System;
using SourceGen;

public static partial class Waves
{
    [Vectorize]
    public static double Slope(double x) => Math.Tan(x) * 0.5;
}
CS
if dotnet build "$work/strict/Strict.csproj" -c Release -nologo -v quiet > "$work/strict.log" 2>&1; then
  echo "SourceGenStrict: a per-lane fallback (SG0101) built without an error"; cat "$work/strict.log"; exit 1
fi
grep -q "error SG0101" "$work/strict.log" || { echo "SourceGenStrict: expected error SG0101"; cat "$work/strict.log"; exit 1; }
printf '[*.cs]\ndotnet_diagnostic.SG0101.severity = none\n' > "$work/strict/.editorconfig"
dotnet build "$work/strict/Strict.csproj" -c Release -nologo -v minimal -p:SourceGenReport=true > "$work/strict.log" 2>&1 \
  || { echo "SourceGenStrict with SG0101 set to none in .editorconfig: the build failed"; cat "$work/strict.log"; exit 1; }
report="$work/strict/obj/Release/net10.0/SourceGenReport.html"
grep -q "SourceGen report: $report" "$work/strict.log" || { echo "the build did not print the report's path"; cat "$work/strict.log"; exit 1; }
grep -q "SG0101: &#39;Math.Tan&#39; runs one lane at a time" "$report" || { echo "the report lacks the per-lane note"; exit 1; }
echo "package properties OK: SourceGenStrict turns SG0101 into an error, .editorconfig accepts it, SourceGenReport wrote $(basename "$report")"
# Last, so that a skipped deployment shows in the lines test.sh prints.
printf 'deployed: %s\n' "$(IFS=';'; echo "${deployed[*]}" | sed 's/;/; /g')"

