#!/usr/bin/env bash
# Runs every SourceGen test, as CI does:
#   1. generator tests (snapshots, diagnostics, incremental caching, robustness), code fix tests and command-line
#      tests, once;
#   2. differential tests (generated code vs the kernels as written) and random kernels on the 512-, 256- and
#      128-bit paths and with no SIMD at all, selected with the runtime's knobs; Target.Parallel split always;
#   3. the packaged-consumer test: pack SourceGen and SourceGen.Gpu, restore them from a local feed in fresh projects, run them.
# Ends with one line "N passed, N failed" summed over all of them; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
log=$(mktemp)

count() {
  # A test host that crashes (a stack overflow, a fault) ends the run early, and the summary counts only what ran:
  # that is a failure, whatever the summary says.
  if grep -qE "Test Run Aborted|test run was aborted|Test host process crashed" "$log"; then
    grep -E -A3 "Test Run Aborted|test run was aborted|Test host process crashed" "$log" | head -20
    echo "!! $1: the test host crashed"
    failed=$((failed + 1))
  fi
  # dotnet test prints "Failed: F, Passed: P, Skipped: S" per test assembly.
  local summary
  summary=$(grep -oE "Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "!! $1: no test summary (build or host failure)"
    failed=$((failed + 1))
    return
  fi
  local f p
  f=$(echo "$summary" | grep -oE "Failed: +[0-9]+" | grep -oE "[0-9]+")
  p=$(echo "$summary" | grep -oE "Passed: +[0-9]+" | grep -oE "[0-9]+")
  passed=$((passed + p))
  failed=$((failed + f))
  echo "== $1: $p passed, $f failed"
}

echo "== build (Release)"
if ! dotnet build SourceGen.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The generator tests compile 300-deep nests; Roslyn's own flow analysis of them can overflow a thread-pool thread's
# default 1.5 MB stack (a crash of the whole test host): 16 MB threads (hex) for these runs.
export DOTNET_DefaultStackSize=1000000

echo "== generator tests"
dotnet test tests/Generator.Tests -c Release --no-build -nologo 2>&1 | tee "$log" | grep -E "^\s+(Failed|Error)|Passed!|Failed!|Assert" || true
count "generator tests"

echo "== command-line tests (src/Kernels: every command, bad inputs, --json)"
dotnet test tests/Kernels.Tests -c Release --no-build -nologo 2>&1 | tee "$log" | grep -E "^\s+(Failed|Error)|Passed!|Failed!|Assert" || true
count "command-line tests"

echo "== code fix tests"
dotnet test tests/CodeFixes.Tests -c Release --no-build -nologo 2>&1 | tee "$log" | grep -E "^\s+(Failed|Error)|Passed!|Failed!|Assert" || true
count "code fix tests"

# .NET 10's knobs: DOTNET_EnableAVX512=0 turns off the 512-bit path, DOTNET_EnableAVX2=0 the 256-bit one,
# DOTNET_EnableHWIntrinsic=0 all SIMD. SOURCEGEN_EXPECT_PATH makes the run fail if a knob stops working.
for config in "Vector512 path|" "Vector256 path|DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0" "Vector128 path|DOTNET_EnableAVX2=0" "scalar path|DOTNET_EnableHWIntrinsic=0"; do
  path=${config%%|*}
  knobs=${config#*|}
  case "$path" in
    "Vector512 path") needs=avx512f ;;
    "Vector256 path") needs=avx2 ;;
    *) needs="" ;;
  esac
  if [ -n "$needs" ] && ! grep -qw "$needs" /proc/cpuinfo 2>/dev/null; then
    echo "== differential tests, $path: skipped (this CPU has no $needs)"
    continue
  fi
  echo "== differential tests, $path ${knobs:+($knobs)}"
  # The GPU classes run on ILGPU's CPU accelerator, which runs the kernel's IL, not the SIMD path under test: once (on
  # the Vector512 path) is enough. (It also halves the exposure to an open, rare lost-result flake of those calls.)
  only=()
  if [ "$path" != "Vector512 path" ]; then
    only=(--filter "FullyQualifiedName!~.GpuTests.&FullyQualifiedName!~.GpuParallelTests.&FullyQualifiedName!~.GpuVectorizeTests.")
  fi
  env $knobs SOURCEGEN_EXPECT_PATH="$path" dotnet test tests/Differential.Tests -c Release --no-build -nologo "${only[@]}" 2>&1 | tee "$log" | grep -E -A6 "^\s+Failed |Passed!|Failed!|kernel .* generated" | grep -vE "^\s+at |^--$" || true
  count "differential tests, $path"
  if [ "$path" != "Vector512 path" ]; then
    # The 512-bit run of the random kernels is part of the generator tests above.
    echo "== random kernels, $path"
    env $knobs dotnet test tests/Generator.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~RandomKernels" 2>&1 | tee "$log" | grep -E -A12 "^\s+(Failed|Error)|Passed!|Failed!" || true
    count "random kernels, $path"
  fi
done

# Target.Parallel on every length: split each call across threads, however short.
echo "== differential tests, every Target.Parallel call split across threads"
SOURCEGEN_ALWAYS_SPLIT=1 dotnet test tests/Differential.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~ControlFlowTests" 2>&1 | tee "$log" | grep -E "^\s+(Failed|Error)|Passed!|Failed!|kernel .* generated" || true
count "differential tests, always split"

echo "== packaged-consumer test"
if tests/PackageConsumer/run.sh > "$log" 2>&1; then
  passed=$((passed + 1))
  tail -3 "$log"
else
  failed=$((failed + 1))
  tail -40 "$log"
fi

rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
