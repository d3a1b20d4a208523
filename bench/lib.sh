# Shared by the benchmarks. Sourced.
#   BARGE_HOST   barged's socket URL (default unix:///run/barge/barge.sock)
#   DOCKERD_HOST the real engine's, if one runs (default unix:///var/run/docker.sock when present)
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BARGE_HOST=${BARGE_HOST:-unix:///run/barge/barge.sock}
if [[ -z ${DOCKERD_HOST:-} && -S /var/run/docker.sock ]]; then DOCKERD_HOST=unix:///var/run/docker.sock; fi
ENGINES=("barge=$BARGE_HOST")
[[ -n ${DOCKERD_HOST:-} ]] && ENGINES+=("dockerd=$DOCKERD_HOST")

# median and p90 of numbers (ms), one per line on stdin
stats() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit}; i=int(NR*0.9+0.5); if (i<1) i=1; printf "p50 %d ms  p90 %d ms  (n=%d)\n", a[int((NR+1)/2)], a[i], NR}'; }

# wall time of a command in ms
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
