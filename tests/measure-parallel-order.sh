#!/usr/bin/env bash
# Files in parallel where the order of the records decides the output (issue 26): --dedupe,
# records --limit, --sort and --format table, and export, each run by two TrailScan binaries
# (BEFORE, which read these one file at a time, and AFTER) with -j 1 and -j 2. Whole-process wall
# times, the contenders taken in turn within each run so that a machine getting busier or quieter
# affects them alike; medians of the runs, and each one's ratio to BEFORE's.
#
#   dotnet publish samples/TrailScan -c Release -r linux-x64      # the AOT binary (AFTER)
#   bash tests/measure-parallel-order.sh BEFORE AFTER [FOLDER] [RUNS]   # default: 8 synthetic files of 25,000 records, 5 runs
#
# FOLDER is a folder of .json.gz logs; without it, AFTER's synth writes 8 files of 25,000 records
# each (200,000 records) into a temporary folder. The --dedupe runs read FOLDER and a copy of
# every other file of it under another account's name (sorted after the originals: the same
# records delivered by a second trail), so a third of what they read is duplicates.
set -euo pipefail
before=${1:?BEFORE binary}
after=${2:?AFTER binary}
folder=${3:-}
runs=${4:-5}
for bin in "$before" "$after"; do [[ -x $bin ]] || { echo "no binary at $bin" >&2; exit 2; }; done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $folder ]]; then
  folder=$work/logs
  mkdir -p "$folder"
  for i in 0 1 2 3 4 5 6 7; do
    "$after" synth --records 25000 --seed $((i + 1)) --start "2025-02-0$((i + 1))T00:00:00Z" --out "$folder/111122223333_CloudTrail_us-east-1_2025020${i}_$i.json.gz" >/dev/null 2>&1
  done
fi
mapfile -t files < <(find "$folder" -name '*.json.gz' | sort)
(( ${#files[@]} > 1 )) || { echo "$folder: needs several .json.gz files" >&2; exit 2; }
dup=$work/dup
mkdir -p "$dup"
for ((i = 0; i < ${#files[@]}; i++)); do
  cp "${files[i]}" "$dup/"
  (( i % 2 == 0 )) && cp "${files[i]}" "$dup/zz-second-trail-$(basename "${files[i]}")"
done

cases=(
  "summary --dedupe|$dup"
  "records --dedupe|$dup"
  "records --limit 1000|$folder"
  "records --limit 100000|$folder"
  "records --sort time|$folder"
  "records --format table --service iam|$folder"
  "export --table iam|$folder"
)
contenders=("before -j 2|$before|2" "after -j 1|$after|1" "after -j 2|$after|2")

# Runs one case with one contender once: appends the wall time to its file.
run() {
  local c=$1 k=$2
  local args=${cases[c]%%|*} input=${cases[c]#*|}
  IFS='|' read -r _ bin jobs <<<"${contenders[k]}"
  local extra=()
  [[ $args == export* ]] && { rm -rf "$work/out"; extra=(--out "$work/out"); }
  # shellcheck disable=SC2086
  TRAILSCAN_NO_PROGRESS=1 /usr/bin/time -f "%e" -o "$work/t" "$bin" $args "$input" "${extra[@]}" -j "$jobs" >/dev/null 2>&1 || true
  tail -1 "$work/t" >>"$work/c${c}_$k"
}

echo "folder: $folder (${#files[@]} files, $(du -sh "$folder" | cut -f1)); dedupe folder: $(find "$dup" -name '*.json.gz' | wc -l) files; $(nproc) cores; $runs runs"
"$after" summary "$folder" -j 1 >/dev/null 2>&1 || true # warm the page cache
for ((r = 0; r < runs; r++)); do
  for ((c = 0; c < ${#cases[@]}; c++)); do
    for ((k = 0; k < ${#contenders[@]}; k++)); do run "$c" "$k"; done
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-38s' case
for ((k = 0; k < ${#contenders[@]}; k++)); do printf '%20s' "${contenders[k]%%|*}"; done
echo
for ((c = 0; c < ${#cases[@]}; c++)); do
  printf '%-38s' "${cases[c]%%|*}"
  base=$(median <"$work/c${c}_0")
  for ((k = 0; k < ${#contenders[@]}; k++)); do
    t=$(median <"$work/c${c}_$k")
    awk -v t="$t" -v b="$base" 'BEGIN { printf "%12.2f s %5.2fx", t, t / b }'
  done
  echo
done
