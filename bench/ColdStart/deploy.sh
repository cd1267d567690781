#!/usr/bin/env bash
# First-call timings of generated code as deployed. Publishes ColdStart (this folder) as
#   jit       framework-dependent, JIT with default tiering (what `dotnet run` users get);
#   r2r       ReadyToRun (PublishReadyToRun=true), crossgen's default instruction sets;
#   r2r-v4    ReadyToRun with --instruction-set:x86-64-v4 passed to crossgen;
#   aot       NativeAOT (PublishAot=true), IlcInstructionSet=native (the machine it is built on);
#   aot-base  NativeAOT with the default instruction sets (no IlcInstructionSet);
# prints, for each, the vector path the generated code takes and the median first-call table (each case in
# LAUNCHES fresh processes). Usage: bench/ColdStart/deploy.sh [LAUNCHES] [VARIANT ...]   (needs clang and zlib for AOT)
# SOURCEGEN_COLD_FILTER (default softplus) selects the cases.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
launches=${1:-7}
shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(jit r2r r2r-v4 aot aot-base)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for variant in "${variants[@]}"; do
  case "$variant" in
    jit) args=() ;;
    r2r) args=(-p:DeployMode=r2r) ;;
    r2r-v4) args=(-p:DeployMode=r2r "-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v4") ;;
    aot) args=(-p:DeployMode=aot -p:IlcInstructionSet=native) ;;
    aot-base) args=(-p:DeployMode=aot) ;;
    *) echo "unknown variant $variant"; exit 2 ;;
  esac
  dotnet publish "$here/ColdStart.csproj" -c Release -r linux-x64 "${args[@]}" \
    -o "$out/$variant" -nologo -v quiet > "$out/$variant.log" 2>&1 \
    || { cat "$out/$variant.log"; exit 1; }
  echo "## $variant"
  "$out/$variant/ColdStart" --launches "$launches" --filter "${SOURCEGEN_COLD_FILTER:-softplus}"
done
