#!/usr/bin/env bash
# Whole-process timings of two trailscan builds side by side (issue 26: TrailScan before and after
# it reads record views): `summary --service iam` and `records --principal NAME` over a folder of
# .json.gz logs, against decompressing the same files alone with `gzip -dc`, one after another.
#
#   bash tests/measure-views.sh BEFORE AFTER FOLDER [RUNS] [PRINCIPAL]
#
#   BEFORE, AFTER  two published binaries (dotnet publish samples/TrailScan -c Release -r linux-x64
#                  -o DIR, at two commits, e.g. from a `git worktree add DIR COMMIT --detach`)
#   FOLDER         .json.gz logs, e.g. made by: for i in 0 1 2 3 4 5 6 7; do trailscan synth --records
#                  25000 --seed $i --start 2025-02-0${i}T00:00:00Z --out FOLDER/f$i.json.gz; done
#   RUNS           rounds (default 5); each round runs every command once, in turn, so that a
#                  machine getting busier or quieter affects them alike
#   PRINCIPAL      for records --principal (default carol)
#
# Prints, per command, the median wall time and peak resident memory (GNU time's %e and %M) and the
# wall time's ratio to gzip -dc's. Standard output of every command goes to /dev/null (records
# writes each matching record's bytes in AFTER, the typed model's serialization in BEFORE; the
# AFTER row "records --from-model" is that serialization too). The script checks first that both
# builds print the same summary.
set -euo pipefail
(($# >= 3)) || { sed -n '2,20p' "$0" >&2; exit 2; }
before=$1 after=$2 folder=$3 runs=${4:-5} principal=${5:-carol}
for bin in "$before" "$after"; do [[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 1; }; done
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }
mapfile -t files < <(find "$folder" -maxdepth 1 -name '*.json.gz' | sort)
((${#files[@]} > 0)) || { echo "no .json.gz files in $folder" >&2; exit 1; }
export TRAILSCAN_NO_PROGRESS=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! cmp -s <("$before" summary --format json "$folder" 2>&1) <("$after" summary --format json "$folder" 2>&1); then
  echo "the two builds print different summaries of $folder" >&2
  exit 1
fi

names=(
  "gzip -dc (the files one after another)"
  "before: summary --service iam"
  "after:  summary --service iam"
  "before: records --principal $principal"
  "after:  records --principal $principal"
  "after:  records --principal $principal --from-model"
)
command_of() {
  case $1 in
    0) cmd=(gzip -dc "${files[@]}") ;;
    1) cmd=("$before" summary --service iam "$folder") ;;
    2) cmd=("$after" summary --service iam "$folder") ;;
    3) cmd=("$before" records --principal "$principal" "$folder") ;;
    4) cmd=("$after" records --principal "$principal" "$folder") ;;
    5) cmd=("$after" records --principal "$principal" --from-model "$folder") ;;
  esac
}
for ((round = 1; round <= runs; round++)); do
  for ((c = 0; c < ${#names[@]}; c++)); do
    command_of "$c"
    # %e: wall seconds, %M: peak RSS in KiB. The command's own stderr is discarded.
    /usr/bin/time -f "%e %M" -o "$work/one" "${cmd[@]}" >/dev/null 2>/dev/null
    cat "$work/one" >>"$work/times.$c"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
gzip_median=$(cut -d' ' -f1 "$work/times.0" | median)
echo "median of $runs rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${#files[@]} files in $folder"
printf '%-48s %9s %8s %11s\n' "command" "wall" "x gzip" "peak RSS"
for ((c = 0; c < ${#names[@]}; c++)); do
  wall=$(cut -d' ' -f1 "$work/times.$c" | median)
  rss=$(cut -d' ' -f2 "$work/times.$c" | median)
  printf '%-48s %8.2fs %7.2fx %7.1f MiB\n' "${names[$c]}" "$wall" "$(awk -v a="$wall" -v b="$gzip_median" 'BEGIN { print a / b }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
