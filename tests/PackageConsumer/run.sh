#!/usr/bin/env bash
# Packaged-consumer test: packs SourceGen and SourceGen.Gpu with a unique version, restores them in fresh projects from
# a local folder feed (private package cache, so no stale copy), and builds and runs: a CPU-only consumer (no ILGPU in
# its output), a GPU consumer (Target.Gpu on ILGPU's CPU accelerator), and a Target.Gpu project without SourceGen.Gpu
# (must fail with SG0011); then publishes with NativeAOT and ReadyToRun, and checks the package's MSBuild properties.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-ci.$(date +%s)"

dotnet pack "$root/src/Runtime/Runtime.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet
dotnet pack "$root/src/Runtime.Gpu/Runtime.Gpu.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet

# SourceGen must carry the runtime in lib/, the generator and its code fixes in analyzers/, its readme, license and
# diagnostic pages, and depend on nothing (ILGPU is SourceGen.Gpu's).
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
pages=$(cd "$root/docs/diagnostics" && ls *.md | sed 's#^#docs/diagnostics/#')
for required in lib/net10.0/SourceGen.Runtime.dll analyzers/dotnet/cs/SourceGen.Generator.dll analyzers/dotnet/cs/SourceGen.CodeFixes.dll \
    README.md LICENSE build/SourceGen.targets buildTransitive/SourceGen.targets $pages; do
  if ! grep -qx "$required" <<< "$contents"; then echo "the package lacks $required; it holds:"; echo "$contents"; exit 1; fi
done
if grep -qi "ilgpu\|SourceGen.Gpu.dll" <<< "$contents"; then echo "the SourceGen package carries ILGPU or SourceGen.Gpu:"; echo "$contents"; exit 1; fi
nuspec=$(zip_read "$nupkg" SourceGen.nuspec)
if grep -q "<dependency " <<< "$nuspec"; then echo "the SourceGen package declares dependencies:"; echo "$nuspec"; exit 1; fi
# License and readme as nuget.org shows them; metadata set in Directory.Build.props only.
for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<copyright>Copyright (c) 2026 SourceGen contributors</copyright>'; do
  grep -qF "$field" <<< "$nuspec" || { echo "the SourceGen nuspec lacks $field:"; echo "$nuspec"; exit 1; }
done
# The package page's readme: links only to absolute addresses (a relative link or image is broken on nuget.org), no
# file outside the package or repository (DESIGN.md), and the install commands.
readme=$(zip_read "$nupkg" README.md)
if grep -oE '\]\([^)]*\)' <<< "$readme" | grep -vqE '^\]\(https://'; then
  echo "the package readme has a relative link:"; grep -oE '\]\([^)]*\)' <<< "$readme" | grep -vE '^\]\(https://'; exit 1
fi
if grep -qE 'DESIGN\.md|<img' <<< "$readme"; then echo "the package readme cites DESIGN.md or embeds an image"; exit 1; fi
for line in 'dotnet add package SourceGen' 'dotnet add package SourceGen.Gpu'; do
  grep -qxF "$line" <<< "$readme" || { echo "the package readme lacks '$line'"; exit 1; }
done

# SourceGen.Gpu: SourceGen.Gpu.dll, and dependencies on exactly SourceGen (this version), ILGPU and ILGPU.Algorithms.
gpu_nupkg="$work/feed/SourceGen.Gpu.$version.nupkg"
gpu_contents=$(zip_list "$gpu_nupkg")
for required in lib/net10.0/SourceGen.Gpu.dll README.md LICENSE; do
  grep -qx "$required" <<< "$gpu_contents" || { echo "SourceGen.Gpu lacks $required; it holds:"; echo "$gpu_contents"; exit 1; }
done
gpu_dependencies=$(zip_read "$gpu_nupkg" SourceGen.Gpu.nuspec | grep -oE '<dependency id="[^"]*" version="[^"]*"' | sed -E 's/<dependency id="([^"]*)" version="([^"]*)"/\1 \2/' | sort)
ilgpu_version=$(sed -n 's/.*Include="ILGPU" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
expected_dependencies=$(printf 'ILGPU %s\nILGPU.Algorithms %s\nSourceGen %s\n' "$ilgpu_version" "$ilgpu_version" "$version" | sort)
[ "$gpu_dependencies" = "$expected_dependencies" ] || { echo "SourceGen.Gpu's dependencies: $gpu_dependencies; expected: $expected_dependencies"; exit 1; }
# SourceGen with its analyzers and build files: a project that adds only SourceGen.Gpu gets the generator too.
if zip_read "$gpu_nupkg" SourceGen.Gpu.nuspec | grep '<dependency id="SourceGen"' | grep -q 'exclude='; then
  echo "SourceGen.Gpu excludes assets of SourceGen (its generator):"; zip_read "$gpu_nupkg" SourceGen.Gpu.nuspec; exit 1
fi
echo "packages OK: $(basename "$nupkg") $(( $(stat -c %s "$nupkg") / 1024 )) KB ($(wc -l <<< "$contents") files, no dependencies), $(basename "$gpu_nupkg") $(( $(stat -c %s "$gpu_nupkg") / 1024 )) KB (SourceGen, ILGPU, ILGPU.Algorithms)"

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
# [GeneratedCode] names the package's version, whatever it is.
grep -qF "GeneratedCode(\"SourceGen\", \"$version\")" "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/Activations.Rel.*.g.cs \
  || { echo "generated code does not carry [GeneratedCode(\"SourceGen\", \"$version\")]:"; grep -h "GeneratedCode" "$work"/consumer/obj/Release/net10.0/generated/SourceGen.Generator/*/*.g.cs | sort -u; exit 1; }
no_ilgpu() {  # $1: what, $2: folder
  local found
  found=$(find "$2" -iname 'ILGPU*.dll' -o -iname 'SourceGen.Gpu.dll')
  [ -z "$found" ] || { echo "$1: ILGPU in a CPU-only consumer's output: $found"; exit 1; }
}
size_kb() { du -sk --apparent-size "$1" | cut -f1; }
no_ilgpu "the CPU consumer's build" "$work/consumer/bin"
jit_output=$(dotnet "$work/consumer/bin/Release/net10.0/Consumer.dll")
echo "$jit_output"
sizes=("CPU consumer build output $(size_kb "$work/consumer/bin/Release/net10.0") KB, no ILGPU")

# The GPU consumer: it adds only SourceGen.Gpu, which brings SourceGen (the generator) and ILGPU; Target.Gpu of the three
# forms on ILGPU's CPU accelerator.
mkdir -p "$work/gpu"
cp "$work/consumer/nuget.config" "$work/gpu/"
cp "$here/GpuConsumer.csproj.template" "$work/gpu/GpuConsumer.csproj"
cp "$here/GpuProgram.cs.template" "$work/gpu/Program.cs"
dotnet build "$work/gpu/GpuConsumer.csproj" -c Release -p:SourceGenVersion="$version" -nologo -v quiet
for dll in ILGPU.dll ILGPU.Algorithms.dll SourceGen.Gpu.dll SourceGen.Runtime.dll; do
  [ -f "$work/gpu/bin/Release/net10.0/$dll" ] || { echo "the GPU consumer's output lacks $dll"; exit 1; }
done
gpu_output=$(dotnet "$work/gpu/bin/Release/net10.0/GpuConsumer.dll")
echo "$gpu_output"
# ILGPU ran the kernels (its CPU accelerator), not the CPU fallback.
grep -q "^gpu consumer OK: .* on CPU " <<< "$gpu_output" || { echo "the GPU consumer did not run on ILGPU's CPU accelerator"; exit 1; }
# What SourceGen.Gpu adds to an app's output: before the split, every consumer (the CPU one above included) carried it.
gpu_runtime_kb=$(stat -c %s "$work"/gpu/bin/Release/net10.0/ILGPU*.dll "$work/gpu/bin/Release/net10.0/SourceGen.Gpu.dll" | awk '{ sum += $1 } END { print int(sum / 1024) }')
sizes+=("GPU consumer build output $(size_kb "$work/gpu/bin/Release/net10.0") KB, of which ILGPU, ILGPU.Algorithms and SourceGen.Gpu $gpu_runtime_kb KB (what every consumer carried before the split)")

# Target.Gpu without SourceGen.Gpu: the build fails with SG0011, which names the package, and no compiler error beside it.
mkdir -p "$work/nogpu"
cp "$work/consumer/nuget.config" "$work/nogpu/"
cat > "$work/nogpu/NoGpu.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SourceGen" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/nogpu/Kernels.cs" <<'CS'
using System;
using SourceGen;

public static partial class Activations
{
    static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

    [Vectorize(nameof(Rel), Target = Target.Gpu)]
    public static partial void RelGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
}
CS
if dotnet build "$work/nogpu/NoGpu.csproj" -c Release -nologo -v quiet > "$work/nogpu.log" 2>&1; then
  echo "Target.Gpu without SourceGen.Gpu built without an error"; cat "$work/nogpu.log"; exit 1
fi
grep -q "Kernels.cs(8,29): error SG0011: Target.Gpu needs the SourceGen.Gpu package: dotnet add package SourceGen.Gpu" "$work/nogpu.log" \
  || { echo "Target.Gpu without SourceGen.Gpu: expected error SG0011 on the Target argument"; cat "$work/nogpu.log"; exit 1; }
if grep -E "error (CS|NU)[0-9]+" "$work/nogpu.log"; then echo "Target.Gpu without SourceGen.Gpu: errors beside SG0011"; exit 1; fi
echo "Target.Gpu without SourceGen.Gpu: error SG0011 ($(grep -oE "Kernels.cs\([0-9,]+\): error SG0011" "$work/nogpu.log" | head -1))"

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
publish() {  # $1: what, $2: output folder, then the publish properties; fails on any warning. $project: the project.
  local log="$work/$(basename "$2").log"
  if ! dotnet publish "${project:-$work/deploy/Consumer.csproj}" -c Release -r linux-x64 -p:SourceGenVersion="$version" \
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
  no_ilgpu "the CPU consumer's NativeAOT publish" "$work/aot"
  sizes+=("NativeAOT publish $(size_kb "$work/aot") KB")
  deployed+=("NativeAOT (IlcInstructionSet=native) $(grep -oE "the Vector[0-9]+ path" <<< "$aot_output")")
  # The GPU consumer under NativeAOT: publishes without a warning (the ILGPU launch is unreachable there) and runs the CPU code.
  mkdir -p "$work/gpu-deploy"
  cp "$work/deploy/nuget.config" "$work/gpu-deploy/"
  cp "$here/GpuConsumer.csproj.template" "$work/gpu-deploy/GpuConsumer.csproj"
  cp "$here/GpuProgram.cs.template" "$work/gpu-deploy/Program.cs"
  if project="$work/gpu-deploy/GpuConsumer.csproj" publish "NativeAOT (GPU consumer)" "$work/gpu-aot" -p:PublishAot=true -p:IlcInstructionSet=native; then
    gpu_aot_output=$("$work/gpu-aot/GpuConsumer")
    grep -q "^gpu consumer OK: .* on CPU path$" <<< "$gpu_aot_output" || { echo "NativeAOT (GPU consumer): did not run the CPU code: $gpu_aot_output"; exit 1; }
    deployed+=("NativeAOT GPU consumer (CPU code)")
  fi
else
  deployed+=("NativeAOT SKIPPED: the ILCompiler package could not be restored")
fi
if publish ReadyToRun "$work/r2r" -p:PublishReadyToRun=true; then
  # A ReadyToRun image carries the 'RTR' header signature; an IL-only assembly does not.
  grep -q "RTR" "$work/r2r/Consumer.dll" || { echo "ReadyToRun: Consumer.dll is not a ReadyToRun image"; exit 1; }
  same_as_jit ReadyToRun "$("$work/r2r/Consumer")"
  no_ilgpu "the CPU consumer's ReadyToRun publish" "$work/r2r"
  sizes+=("ReadyToRun publish $(size_kb "$work/r2r") KB")
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
    public static double Slope(double x) => Math.Sign(x) * 0.5;
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
grep -q "SG0101: &#39;Math.Sign&#39; runs one lane at a time" "$report" || { echo "the report lacks the per-lane note"; exit 1; }
echo "package properties OK: SourceGenStrict turns SG0101 into an error, .editorconfig accepts it, SourceGenReport wrote $(basename "$report")"
# Snapshot testing for users (SourceGenSnapshots) and the build summary. The first build accepts (writes the folder),
# a clean build then passes, a changed kernel fails with SG0901 and a diff, a line added above the kernels changes
# nothing, a renamed entry point is one new and one removed snapshot, and accepting again passes.
mkdir -p "$work/snap"
cp "$work/consumer/nuget.config" "$work/snap/"
cat > "$work/snap/Snap.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <SourceGenSnapshots>Snapshots/SourceGen</SourceGenSnapshots>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SourceGen" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/snap/Kernels.cs" <<'CS'
using System;
using SourceGen;

public static partial class Waves
{
    [Vectorize]
    public static double Slope(double x) => Math.Sign(x) * 0.5;

    static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

    [Vectorize(nameof(Rel))]
    public static partial void RelError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
}
CS
snap_build() {  # $1: what; the rest: build arguments. Output in $snap_log; returns the build's status.
  local what=$1; shift
  dotnet build "$work/snap/Snap.csproj" -c Release -nologo -v minimal "$@" > "$work/snap.log" 2>&1
}
snap_build "accept" -p:SourceGenAcceptSnapshots=true || { echo "snapshots: the accepting build failed"; cat "$work/snap.log"; exit 1; }
snapshots=$(ls "$work/snap/Snapshots/SourceGen")
[ "$(wc -l <<< "$snapshots")" = 2 ] && grep -qE "^Waves\.RelError\.[0-9A-F]{12}\.g\.cs$" <<< "$snapshots" \
  || { echo "snapshots: expected the two entry points' files, got: $snapshots"; exit 1; }
# The build summary: one line, counted by the generator (Slope's Math.Tan runs one lane at a time).
grep -qF "SourceGen: 2 entry points, 1 fully SIMD, 1 with per-lane work (SG0101 ×1)" "$work/snap.log" \
  || { echo "the build did not print the summary line"; cat "$work/snap.log"; exit 1; }
summary_line=$(grep -oE "SourceGen: [0-9]+ entry points.*" "$work/snap.log" | head -1)
rm -rf "$work/snap/obj" "$work/snap/bin"
snap_build "clean" || { echo "snapshots: a clean build against the accepted snapshots failed"; cat "$work/snap.log"; exit 1; }
if grep -q "SG0901" "$work/snap.log"; then echo "snapshots: SG0901 on an unchanged project"; cat "$work/snap.log"; exit 1; fi
sed -i 's/\* 0.5;/* 0.25;/' "$work/snap/Kernels.cs"
if snap_build "changed"; then echo "snapshots: a changed kernel built without an error"; cat "$work/snap.log"; exit 1; fi
grep -qE "Snapshots/SourceGen/Waves\.Slope\.[0-9A-F]{12}\.g\.cs.*error SG0901: generated file Waves\.Slope\.[0-9A-F]{12}\.g\.cs differs from its snapshot" "$work/snap.log" \
  && grep -qE "^\s*-.*0\.5" "$work/snap.log" && grep -qE "^\s*\+.*0\.25" "$work/snap.log" \
  || { echo "snapshots: expected SG0901 on Waves.Slope's snapshot with a diff (-0.5, +0.25)"; cat "$work/snap.log"; exit 1; }
if grep -q "error SG0901.*RelError" "$work/snap.log"; then echo "snapshots: SG0901 on an unchanged entry point"; cat "$work/snap.log"; exit 1; fi
snap_changed=$(grep -c "error SG0901" "$work/snap.log" || true)
snap_build "accept again" -p:SourceGenAcceptSnapshots=true || { echo "snapshots: accepting the change failed"; cat "$work/snap.log"; exit 1; }
grep -q "0.25" "$work/snap/Snapshots/SourceGen"/Waves.Slope.*.g.cs || { echo "snapshots: accepting did not rewrite Waves.Slope's snapshot"; exit 1; }
snap_build "after accepting" || { echo "snapshots: the build after accepting failed"; cat "$work/snap.log"; exit 1; }
# Lines added above the kernels change no generated file.
sed -i 's/^public static partial class Waves$/\/\/ A comment.\n\/\/ Another.\npublic static partial class Waves/' "$work/snap/Kernels.cs"
snap_build "lines moved" || { echo "snapshots: lines added above the kernels changed the generated code"; cat "$work/snap.log"; exit 1; }
# A renamed entry point: its new file has no snapshot, and the old snapshot has no file.
sed -i 's/RelError(/RelativeError(/' "$work/snap/Kernels.cs"
if snap_build "renamed"; then echo "snapshots: a renamed entry point built without an error"; cat "$work/snap.log"; exit 1; fi
grep -qE "error SG0901: generated file Waves\.RelativeError\.[0-9A-F]{12}\.g\.cs is new" "$work/snap.log" \
  && grep -qE "error SG0901: snapshot Waves\.RelError\.[0-9A-F]{12}\.g\.cs has no generated file" "$work/snap.log" \
  || { echo "snapshots: expected SG0901 for the new and the removed file"; cat "$work/snap.log"; exit 1; }
snap_build "accept the rename" -p:SourceGenAcceptSnapshots=true && snap_build "after the rename" \
  || { echo "snapshots: accepting the rename failed"; cat "$work/snap.log"; exit 1; }
[ "$(ls "$work/snap/Snapshots/SourceGen" | grep -c RelError || true)" = 0 ] || { echo "snapshots: accepting left the stale snapshot"; exit 1; }
echo "snapshots OK: accept wrote $(wc -l <<< "$snapshots") files, a changed kernel gave $snap_changed SG0901 with a diff, moved lines changed nothing, a rename gave new + removed; summary: $summary_line"
printf 'sizes: %s\n' "$(IFS=';'; echo "${sizes[*]}" | sed 's/;/; /g')"
# Last, so that a skipped deployment shows in the lines test.sh prints.
printf 'deployed: %s\n' "$(IFS=';'; echo "${deployed[*]}" | sed 's/;/; /g')"

