#!/bin/bash
# Streams: one digits-spark score run over FOLDER (e.g. 200,000 pictures) with local[2], its resident memory
# sampled every second beside the count of finished tasks (rss.log: time, VmRSS in kB, tasks done).
# Usage: digit-spark/scripts/stream-memory.sh FOLDER OUT
set -euo pipefail
folder=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
DIGITS_JAVA_OPTS=-Xmx2g SPARK_MASTER='local[2]' DIGITS_SPARK_JAVA=on "$here/target/digits-spark" score \
    --input "$folder" --output "$out" --json -v > stream.out 2> stream.err &
job=$!
sleep 3
pid=$(pgrep -f "DigitsSpark score --input $folder" | head -1)
: > rss.log
while kill -0 "$pid" 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null) $(grep -c 'TaskSetManager: Finished task .* stage 0.0' stream.err)" >> rss.log
    sleep 1
done
wait $job
cat stream.out
total=$(tail -1 rss.log | awk '{print $3}')
awk -v tenth=$(( (total + 9) / 10 )) -v total="$total" '$3 >= tenth && !a {print "at 10%:", $2, "kB"; a=1}
    $3 >= total && !b {print "at 100%:", $2, "kB"; b=1} {if ($2 > m) m = $2} END {print "peak:", m, "kB"}' rss.log
