#!/usr/bin/env bash
# Files in parallel (issue 26): `trailscan summary` over a folder of .json.gz logs, one file at a
# time (-j 1) and N at a time (-j 2, and -j $(nproc) when that is more), against decompressing the
# same files alone in one thread (gzip -dc). Whole-process wall times and peak resident memory
# (GNU time's maximum RSS), the contenders taken in turn within each run so that a machine getting
# busier or quieter affects them alike; medians of the runs.
#
#   dotnet publish samples/TrailScan -c Release -r linux-x64    # the AOT binary
#   bash tests/measure-parallel.sh [FOLDER] [RUNS]               # default: 8 synthetic files of 25,000 records, 7 runs
#
# FOLDER is a folder of .json.gz logs (several files: one file cannot be read in parallel); without
# it, trailscan synth writes 8 files of 25,000 records each (200,000 records) into a temporary folder.
# Needs /usr/bin/time (GNU time: apt-get install time) and gzip.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${TRAILSCAN:-$root/samples/TrailScan/bin/Release/net10.0/linux-x64/publish/trailscan}
folder=${1:-}
runs=${2:-7}
[[ -x $bin ]] || { echo "no AOT binary at $bin: run dotnet publish samples/TrailScan -c Release -r linux-x64 (or set TRAILSCAN)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $folder ]]; then
  folder=$work/logs
  mkdir -p "$folder"
  for i in 0 1 2 3 4 5 6 7; do
    "$bin" synth --records 25000 --seed $((i + 1)) --start "2025-02-0$((i + 1))T00:00:00Z" --out "$folder/111122223333_CloudTrail_us-east-1_2025020${i}_$i.json.gz" >/dev/null
  done
fi
mapfile -t files < <(find "$folder" -name '*.json.gz' | sort)
(( ${#files[@]} > 1 )) || { echo "$folder: needs several .json.gz files" >&2; exit 2; }

cores=$(nproc)
jobs=(1 2)
(( cores > 2 )) && jobs+=("$cores")
names=("gzip -dc (1 thread)")
for j in "${jobs[@]}"; do names+=("trailscan summary -j $j"); done

# Runs one contender once: appends "seconds maxrss_kib cpu_seconds" to its file.
run() {
  local i=$1
  if (( i == 0 )); then
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" gzip -dc "${files[@]}" >/dev/null
  else
    TRAILSCAN_NO_PROGRESS=1 /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$bin" summary "$folder" -j "${jobs[i - 1]}" >/dev/null
  fi
  tail -1 "$work/t" | awk '{ print $1, $2, $3 + $4 }' >>"$work/c$i"
}

echo "folder: $folder (${#files[@]} files, $(du -sh "$folder" | cut -f1) compressed, $(gzip -dc "${files[@]}" | wc -c | awk '{ printf "%.0f MiB", $1 / 1048576 }') decompressed); $cores cores; $runs runs"
"$bin" summary "$folder" -j 1 >/dev/null 2>&1 || true # warm the page cache
for ((r = 0; r < runs; r++)); do
  for ((i = 0; i < ${#names[@]}; i++)); do run "$i"; done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
base=$(cut -d' ' -f1 "$work/c0" | median)
# Wall time is what parallel reading shortens; CPU time (user + system) says what the work costs,
# and moves less than wall time on a busy machine.
printf '%-28s %10s %12s %10s %14s\n' contender "median s" "vs gzip -dc" "CPU s" "peak RSS MiB"
for ((i = 0; i < ${#names[@]}; i++)); do
  t=$(cut -d' ' -f1 "$work/c$i" | median)
  m=$(cut -d' ' -f2 "$work/c$i" | median)
  c=$(cut -d' ' -f3 "$work/c$i" | median)
  awk -v n="${names[i]}" -v t="$t" -v b="$base" -v m="$m" -v c="$c" 'BEGIN { printf "%-28s %10.2f %11.2fx %10.2f %14.1f\n", n, t, t / b, c, m / 1024 }'
done
