#!/bin/bash
# Times "disclose build" after one notice of a large site changed, as an
# editor does: edit the first paragraph of one notice, wait, build.
#
#   go run ./bench/corpus -n 10000 -out /dev/shm/rb10k
#   bench/rebuild.sh /dev/shm/rb10k 6 ./disclose-old ./disclose
#
# Each binary builds into its own folder, CORPUS/public-<n> (n = 1, 2, ...),
# with XDG_CACHE_HOME in CACHE (default: CORPUS/.cache); the rounds are
# interleaved, so that a noisy machine weighs on all alike. The first two
# builds (a full one, then one that leaves the spare) are not timed. On a
# disk, run one binary at a time: an old build that removes its previous
# output slows the file system down for the others (docs/performance.md).
set -eu
corpus=$1 rounds=$2
shift 2
export XDG_CACHE_HOME=${CACHE:-$corpus/.cache}
mkdir -p "$XDG_CACHE_HOME"
# A source changed less than two seconds before a build is rendered again
# by the next one (a racy window, as git has): a corpus just written would
# make the second build a full one, and the first timed round, whose spare
# then differs from the output in every page, twice as slow as the others.
sleep 3
for pass in 1 2; do
	n=0
	for bin in "$@"; do
		n=$((n + 1))
		"$bin" build --site "$corpus" --out "$corpus/public-$n" >/dev/null
	done
	sleep 3 # sources older than the build record's two-second window
done
mapfile -t notices < <(ls "$corpus"/content/20*/*.md | head -50)
for round in $(seq "$rounds"); do
	n=0
	for bin in "$@"; do
		n=$((n + 1))
		notice=${notices[$((RANDOM % ${#notices[@]}))]}
		perl -CSD -Mutf8 -0pi -e "s/(\\+\\+\\+\\n\\n[^。]*)。/\$1（修订$round-$n）。/" "$notice"
		grep -q "修订$round-$n" "$notice" || { echo "could not edit $notice" >&2; exit 1; }
		sleep 3
		/usr/bin/time -f "$bin: %e s wall %U user %S sys %M KiB" \
			"$bin" build --site "$corpus" --out "$corpus/public-$n" 2>&1 >/dev/null | tail -1
	done
done
