#!/usr/bin/env bash
# Compare disclose with Hugo and with the goldmark floor on synthetic sites.
#
#   bench/compare.sh [-n "1000 10000"] [-r RUNS] [-d WORKDIR] [-t "disclose hugo floor"] [-c]
#
# For each size N it generates a corpus (bench/corpus), then builds it RUNS
# times with each tool, interleaved (disclose, hugo, floor, disclose, ...),
# each run into a fresh output folder. Nothing is deleted until the end (on
# these disks, creating files right after deleting many is slow), unless -c
# is given: it removes each output right after its run, for tmpfs, where
# removing costs nothing later but the outputs of 50,000 notices (3 GB a
# run) fill the memory and slow every tool down. It prints the median wall
# time and peak RSS (GNU time) of each tool and the ratios. WORKDIR
# defaults to a new folder under /tmp (disk); give -d /dev/shm/x to measure
# on tmpfs. -t chooses the tools (e.g. -t "disclose floor"). disclose keeps
# the record of each build (for a next build of the same folder: none here)
# in WORKDIR/cache, not in the user's cache folder. Needs: go, GNU time
# (/usr/bin/time), hugo (Debian's).
set -euo pipefail

sizes="1000 10000"
runs=5
work=""
tools="disclose hugo floor"
clean=""
while getopts "n:r:d:t:c" opt; do
  case $opt in
    n) sizes=$OPTARG ;;
    t) tools=$OPTARG ;;
    r) runs=$OPTARG ;;
    d) work=$OPTARG ;;
    c) clean=1 ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$work" ] || work=$(mktemp -d /tmp/disclose-bench.XXXXXX)
mkdir -p "$work"
need="/usr/bin/time go"
case " $tools " in *" hugo "*) need="$need hugo" ;; esac
for tool in $need; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install time hugo)"; exit 1; }
done

echo "building the tools into $work/bin"
(cd "$repo" && go build -o "$work/bin/disclose" ./cmd/disclose && go build -o "$work/bin/floor" ./bench/floor && go build -o "$work/bin/corpus" ./bench/corpus)

# measure TOOL N RUN: prints "seconds maxrss_kib"
measure() {
  local tool=$1 n=$2 run=$3 out="$work/out/$1-$2-$3" site="$work/corpus-$2"
  local cmd
  case $tool in
    disclose) cmd=(env XDG_CACHE_HOME="$work/cache" "$work/bin/disclose" build --site "$site" --out "$out") ;;
    hugo) cmd=(hugo --quiet -s "$repo/bench/hugo-site" -c "$site/content" -d "$out") ;;
    floor) cmd=("$work/bin/floor" -site "$site" -out "$out") ;;
  esac
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "${cmd[@]}" >/dev/null 2>"$work/stderr.txt" || {
    echo "$tool failed:"; cat "$work/stderr.txt"; exit 1; }
  cat "$work/time.txt"
  if [ -n "$clean" ]; then
    rm -rf "$out" "$work/cache"
  fi
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '\n%-8s %-9s %10s %12s\n' N tool "median s" "peak RSS MiB"
for n in $sizes; do
  [ -d "$work/corpus-$n" ] || "$work/bin/corpus" -n "$n" -out "$work/corpus-$n"
  mkdir -p "$work/out"
  : >"$work/results-$n.txt"
  for run in $(seq 1 "$runs"); do
    for tool in $tools; do
      echo "$tool $(measure $tool "$n" "$run")" >>"$work/results-$n.txt"
    done
  done
  for tool in $tools; do
    t=$(awk -v t=$tool '$1==t {print $2}' "$work/results-$n.txt" | median)
    m=$(awk -v t=$tool '$1==t {print $3/1024}' "$work/results-$n.txt" | median)
    printf '%-8s %-9s %10.2f %12.0f\n' "$n" "$tool" "$t" "$m"
    eval "t_$tool=$t"
  done
  awk -v d="${t_disclose:-0}" -v h="${t_hugo:-0}" -v f="${t_floor:-0}" -v n="$n" 'BEGIN {
    if (d > 0 && h > 0) printf "%-8s hugo/disclose %.2fx\n", n, h/d
    if (d > 0 && f > 0) printf "%-8s disclose/floor %.2fx\n", n, d/f }'
  unset t_disclose t_hugo t_floor
done
echo
echo "raw results and outputs: $work (remove it when done)"
