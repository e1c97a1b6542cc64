#!/usr/bin/env bash
# Startup time of trailscan: `trailscan summary` on a one-record file, Native AOT binary vs the
# JIT build (`dotnet trailscan.dll`), and the AOT binary's size. Uses hyperfine when it is
# installed (apt-get install hyperfine), else a plain loop that prints the median of the runs.
#   dotnet publish samples/TrailScan -c Release -r linux-x64   # the AOT binary
#   dotnet build samples/TrailScan -c Release                  # the JIT build (framework-dependent)
#   bash samples/TrailScan/measure-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-50}
aot=bin/Release/net10.0/linux-x64/publish/trailscan
jit=bin/Release/net10.0/trailscan.dll
[[ -x $aot ]] || { echo "no $aot: dotnet publish samples/TrailScan -c Release -r linux-x64" >&2; exit 1; }
[[ -f $jit ]] || { echo "no $jit: dotnet build samples/TrailScan -c Release" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$aot" synth --records 1 --seed 1 --out "$work/one.json" 2>/dev/null

echo "AOT binary: $(stat -c %s "$aot") bytes ($(numfmt --to=iec-i --suffix=B "$(stat -c %s "$aot")"))"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" -N --export-json "$work/startup.json" \
    "$aot summary $work/one.json" "dotnet $jit summary $work/one.json" >&2
  # The medians, in the order of the commands above.
  grep -o '"median": *[0-9.e-]*' "$work/startup.json" | sed 's/.*: *//' \
    | awk -v runs="$runs" 'NR == 1 { printf "AOT  median of %d: %.1f ms\n", runs, $1 * 1000 } NR == 2 { printf "JIT  median of %d: %.1f ms\n", runs, $1 * 1000 }'
else
  median() {
    local times=()
    for ((i = 0; i < runs; i++)); do
      local start end
      start=$(date +%s%N)
      "$@" >/dev/null
      end=$(date +%s%N)
      times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f ms\n", a[int((NR + 1) / 2)] / 1000 }'
  }
  echo "AOT  median of $runs: $(median "$aot" summary "$work/one.json")"
  echo "JIT  median of $runs: $(median dotnet "$jit" summary "$work/one.json")"
fi
