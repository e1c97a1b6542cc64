#!/usr/bin/env bash
# Startup time of trailscan: `trailscan summary` on a one-record file.
#   dotnet publish samples/TrailScan -c Release -r linux-x64   # the AOT binary
#   dotnet build samples/TrailScan -c Release                  # the JIT build (framework-dependent)
#   bash samples/TrailScan/measure-startup.sh [RUNS]           # AOT binary vs JIT build, and the binary's size
#   bash samples/TrailScan/measure-startup.sh RUNS BIN...      # published binaries side by side (e.g. two
#                                                              # commits' publish folders), run in turn
# The first form uses hyperfine when it is installed (apt-get install hyperfine), else a plain loop
# that prints the median of the runs. The second always uses the plain loop, taking the binaries in
# turn within each run so that a machine getting busier or quieter affects them alike.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-50}
shift || true
aot=bin/Release/net10.0/linux-x64/publish/trailscan
jit=bin/Release/net10.0/trailscan.dll

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median_of() { sort -n | awk '{ a[NR] = $1 } END { printf "%.1f ms (fastest %.1f ms)", a[int((NR + 1) / 2)] / 1000, a[1] / 1000 }'; }
# Runs a command once, its output discarded, and prints its wall time in microseconds.
time_once() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

if (($# > 0)); then
  for bin in "$@"; do [[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 1; }; done
  "$1" synth --records 1 --seed 1 --out "$work/one.json" 2>/dev/null
  for ((i = 0; i < runs; i++)); do
    for ((b = 1; b <= $#; b++)); do
      time_once "${!b}" summary "$work/one.json" >>"$work/times.$b"
    done
  done
  for ((b = 1; b <= $#; b++)); do
    echo "${!b}: $(stat -c %s "${!b}") bytes, median of $runs: $(median_of <"$work/times.$b")"
  done
  exit 0
fi

[[ -x $aot ]] || { echo "no $aot: dotnet publish samples/TrailScan -c Release -r linux-x64" >&2; exit 1; }
[[ -f $jit ]] || { echo "no $jit: dotnet build samples/TrailScan -c Release" >&2; exit 1; }
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
    for ((i = 0; i < runs; i++)); do time_once "$@"; done | median_of
    echo
  }
  echo "AOT  median of $runs: $(median "$aot" summary "$work/one.json")"
  echo "JIT  median of $runs: $(median dotnet "$jit" summary "$work/one.json")"
fi
