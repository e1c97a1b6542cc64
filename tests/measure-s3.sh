#!/usr/bin/env bash
# Reading CloudTrail logs from S3 against reading the same objects from local files, with the same
# trailscan binary, runs alternating: median wall time, records/s, MB/s (decompressed), peak
# resident memory. The S3 endpoint is s3rver on 127.0.0.1 (the server the CloudTrailGen.S3 tests
# start), so the figures measure the reader and the SDK over HTTP, not a network.
#
#   bash tests/measure-s3.sh [-n OBJECTS] [-r RECORDS_PER_OBJECT] [-k RUNS] [-b TRAILSCAN] [-B BASELINE] [-c COMMAND]
#
# Defaults: 16 objects of 20,000 synthetic records (trailscan synth), 5 runs each way, TrailScan's
# default of 8 objects in flight, the binary of `dotnet publish samples/TrailScan -c Release -r linux-x64`.
# -B adds another trailscan binary (an older build) reading the same bucket, in the same alternation,
# for a before/after comparison side by side; its summary must count the same records.
# -c is the trailscan command and its options, before the PATH (default "summary --format json";
# e.g. "summary --format json --dedupe" or "records --limit 1000"): a summary must count the same
# records from S3 as from the local copy, any other command must write the same output.
# Needs node and npm (s3rver is installed from the tests' lock file), curl and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

objects=16 records=20000 runs=5 binary=samples/TrailScan/bin/Release/net10.0/linux-x64/publish/trailscan baseline=""
command="summary --format json"
while getopts "n:r:k:b:B:c:" opt; do
  case $opt in
    n) objects=$OPTARG ;; r) records=$OPTARG ;; k) runs=$OPTARG ;; b) binary=$OPTARG ;; B) baseline=$OPTARG ;; c) command=$OPTARG ;;
    *) sed -n 2,16p "$0"; exit 2 ;;
  esac
done
read -ra command_words <<<"$command"
[[ -x $binary ]] || { echo "no trailscan binary at $binary: dotnet publish samples/TrailScan -c Release -r linux-x64" >&2; exit 1; }
[[ -z $baseline || -x $baseline ]] || { echo "no trailscan binary at $baseline (-B)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
binary=$(realpath "$binary")
[[ -n $baseline ]] && baseline=$(realpath "$baseline")

work=$(mktemp -d)
server_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# s3rver, installed from the tests' lock file; it exits when its standard input closes.
cp tests/CloudTrailGen.S3.Tests/S3Server/{package.json,package-lock.json,start.js} "$work/"
(cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)
mkdir "$work/data"
mkfifo "$work/stdin"
node "$work/start.js" "$work/data" <"$work/stdin" >"$work/server.out" 2>&1 &
server_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 100); do grep -q LISTENING "$work/server.out" 2>/dev/null && break; sleep 0.2; done
port=$(grep -m1 LISTENING "$work/server.out" | cut -d' ' -f2)
[[ -n $port ]] || { echo "s3rver did not start: $(cat "$work/server.out")" >&2; exit 1; }
endpoint="http://127.0.0.1:$port"

# The objects, in the AWSLogs layout, written locally and uploaded.
local_root="$work/local"
account=111122223333 region=us-east-1
folder="AWSLogs/$account/CloudTrail/$region/2025/01/06"
mkdir -p "$local_root/$folder"
for i in $(seq 0 $((objects - 1))); do
  minute=$((i * 5))
  stamp=$(printf '20250106T%02d%02dZ' $((minute / 60)) $((minute % 60)))
  key="$folder/${account}_CloudTrail_${region}_${stamp}_$(printf '%04d' "$i").json.gz"
  "$binary" synth --records "$records" --seed $((i + 1)) --start "2025-01-06T00:00:00Z" --out "$local_root/$key" >/dev/null 2>&1
  curl -sf -X PUT --data-binary @"$local_root/$key" "$endpoint/trail-logs/$key" >/dev/null
done
compressed=$(du -cb "$local_root/$folder"/*.json.gz | tail -1 | cut -f1)
decompressed=$(cat "$local_root/$folder"/*.json.gz | gzip -dc | wc -c)

export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3

run() { # name, binary, args...: appends "seconds kilobytes" to $work/$name
  local name=$1 program=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$program" "${command_words[@]}" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null \
    || { echo "trailscan $* failed: $(cat "$work/$name.err")" >&2; exit 1; }
  cat "$work/time" >>"$work/times-$name"
}
names="local s3"
[[ -n $baseline ]] && names="local s3 s3-base"
for _ in $(seq "$runs"); do
  run local "$binary" "$local_root"
  run s3 "$binary" "s3://trail-logs" --endpoint-url "$endpoint"
  [[ -n $baseline ]] && run s3-base "$baseline" "s3://trail-logs" --endpoint-url "$endpoint"
done
/usr/bin/time -f "%e %M" -o "$work/time" "$binary" --version >/dev/null 2>&1 || true
empty_kb=$(cut -d' ' -f2 "$work/time")

# The records a summary counted, or the lines another command wrote (records' NDJSON: one a record).
read_records() { if [[ ${command_words[0]} == summary ]]; then grep -m1 '"records":' "$work/$1.out" | tr -dc 0-9; else wc -l <"$work/$1.out"; fi; }
[[ $(read_records local) == $(read_records s3) ]] || { echo "record counts differ: local $(read_records local), s3 $(read_records s3)" >&2; exit 1; }
[[ -z $baseline || $(read_records local) == $(read_records s3-base) ]] || { echo "record counts differ: local $(read_records local), s3 (-B) $(read_records s3-base)" >&2; exit 1; }
[[ ${command_words[0]} == summary ]] || cmp -s "$work/local.out" "$work/s3.out" || { echo "trailscan $command wrote other output from S3 than from the local copy" >&2; exit 1; }
count=$(read_records local)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "trailscan $command: $objects objects, $count records, $((compressed / 1048576)) MiB gzip, $((decompressed / 1048576)) MiB decompressed; $runs runs each, alternating; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %10s %12s %10s %14s\n' source "median s" "records/s" "MB/s" "peak RSS MiB"
for name in $names; do
  s=$(cut -d' ' -f1 "$work/times-$name" | median)
  kb=$(cut -d' ' -f2 "$work/times-$name" | median)
  awk -v n="$name" -v s="$s" -v kb="$kb" -v c="$count" -v b="$decompressed" \
    'BEGIN { printf "%-8s %10.2f %12.0f %10.1f %14.1f\n", n, s, c / s, b / 1e6 / s, kb / 1024 }'
done
local_s=$(cut -d' ' -f1 "$work/times-local" | median); s3_s=$(cut -d' ' -f1 "$work/times-s3" | median)
awk -v e="$empty_kb" -v l="$local_s" -v s="$s3_s" \
  'BEGIN { printf "empty process (trailscan --version): %.1f MiB\nS3 / local time: %.2f\n", e / 1024, s / l }'
if [[ -n $baseline ]]; then
  base_s=$(cut -d' ' -f1 "$work/times-s3-base" | median)
  awk -v b="$base_s" -v s="$s3_s" 'BEGIN { printf "S3 time, this binary / -B binary: %.2f\n", s / b }'
fi
