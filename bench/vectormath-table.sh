#!/usr/bin/env bash
# SourceGen.VectorMath's speed table: every function, float and double, 1K and 16M elements, each function in its own
# BenchmarkDotNet process (run in one process one after another, a function's loop measured up to 1.6x slower than
# alone: see bench/README.md), one thread, medians, with the scalar loop and TensorPrimitives in the same run.
#
#   bench/vectormath-table.sh [Function ...]      (default: every function; e.g. bench/vectormath-table.sh Tan Sinh)
#
# Prints one markdown row per function, type and size: VectorMath's median, and its speed against the scalar loop and
# against TensorPrimitives (above 1 means VectorMath is faster). BDN's own tables go to bench/BenchmarkDotNet.Artifacts.
# Needs a quiet machine: nothing else running.
set -euo pipefail
cd "$(dirname "$0")/.."

# Which benchmark class pair holds each function.
declare -A family=(
  [Exp]=VectorMath [Log]=VectorMath [Log2]=VectorMath [Sin]=VectorMath [Cos]=VectorMath
  [Exp2]=VectorMathFamily [Exp10]=VectorMathFamily [ExpM1]=VectorMathFamily [Log10]=VectorMathFamily
  [LogP1]=VectorMathFamily [Sinh]=VectorMathFamily [Cosh]=VectorMathFamily [Tanh]=VectorMathFamily
  [Asinh]=VectorMathFamily [Acosh]=VectorMathFamily [Atanh]=VectorMathFamily
  [Tan]=VectorMathTrig [Asin]=VectorMathTrig [Acos]=VectorMathTrig [Atan]=VectorMathTrig [Cbrt]=VectorMathTrig
  [Atan2]=VectorMathBinary [Pow]=VectorMathBinary [Hypot]=VectorMathBinary
)
order=(Exp Log Log2 Sin Cos Exp2 Exp10 ExpM1 Log10 LogP1 Sinh Cosh Tanh Asinh Acosh Atanh Tan Asin Acos Atan Cbrt Atan2 Pow Hypot)
functions=("$@")
[ ${#functions[@]} -gt 0 ] || functions=("${order[@]}")

dotnet build bench -c Release -nologo -v quiet >/dev/null

echo "| function | type | N | VectorMath | vs scalar loop | vs TensorPrimitives |"
echo "|---|---|---:|---:|---:|---:|"
for function in "${functions[@]}"; do
  pair=${family[$function]:?"unknown function $function"}
  for type in Float Double; do
    SOURCEGEN_BENCH_FUNCTIONS=$function dotnet run -c Release --no-build --project bench -- \
        --filter "*.${pair}${type}.*" --job short --inProcess 2>&1 |
      awk -F'|' -v fn="$function" -v type="${type,,}" '
        function ns(text,   parts, value) {
          gsub(/,/, "", text); split(text, parts, " "); value = parts[1] + 0
          if (parts[2] == "us" || parts[2] == "μs") value *= 1e3; else if (parts[2] == "ms") value *= 1e6; else if (parts[2] == "s") value *= 1e9
          return value
        }
        function show(value) {
          return value >= 1e6 ? sprintf("%.2f ms", value / 1e6) : value >= 1e3 ? sprintf("%.2f µs", value / 1e3) : sprintf("%.0f ns", value)
        }
        # Rows: | Method | N | Function | Mean | Error | StdDev | Median | ...
        $2 ~ /^ *(Scalar|VectorMath|TensorPrimitives) *$/ && $4 ~ fn {
          method = $2; gsub(/ /, "", method); n = $3; gsub(/ /, "", n)
          median[n, method] = ns($8); if (!(n in seen)) { seen[n] = 1; sizes[++count] = n }
        }
        END {
          for (i = 1; i <= count; i++) {
            n = sizes[i]; v = median[n, "VectorMath"]
            printf "| %s | %s | %s | %s | %.1f× | %.2f× |\n", fn, type, (n == 1000 ? "1K" : n == 64000 ? "64K" : n == 16000000 ? "16M" : n), show(v),
              median[n, "Scalar"] / v, median[n, "TensorPrimitives"] / v
          }
        }'
  done
done
