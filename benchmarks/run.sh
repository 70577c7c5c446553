#!/usr/bin/env bash
# Measures Digits' hot paths and writes benchmarks/results/latest.{json,md} (see benchmarks/README.md).
#
# Usage: benchmarks/run.sh [--quick] [JMH options...]
#   --quick        a smoke test with very short settings; writes benchmarks/target/run/quick.{json,md}
#                  instead, so that it never replaces measured figures
#   JMH options    passed on to JMH after the defaults, e.g. "-f 1" for one fork per benchmark
# Environment: BENCH_MVN_OPTS extra Maven options (e.g. -o); BENCH_COLD_RUNS cold-start pairs (default 15);
#   BENCH_QUIET_WAIT the longest wait, in seconds, for the load to fall to 0.5 before each group (default 300).
# Needs Java 17, Maven, gcc and python3. Takes about 15 minutes; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
if [[ "${1:-}" == --quick ]]; then
    quick=true
    shift
fi
work=benchmarks/target/run
mkdir -p "$work" benchmarks/results
if $quick; then
    json=$work/quick.json md=$work/quick.md cold_runs=3 report_flags=(--quick)
    jmh_defaults=(-f 1 -wi 0 -i 1 -r 200ms)
else
    json=benchmarks/results/latest.json md=benchmarks/results/latest.md cold_runs=${BENCH_COLD_RUNS:-15} report_flags=()
    jmh_defaults=()
fi

echo "== build" >&2
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_OPTS:-} -Pbenchmarks -DskipTests package -pl benchmarks,digit-examples -am

echo "== machine" >&2
{
    echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores available)"
    echo "JDK: $(java -version 2>&1 | head -1)"
    echo "OS: $(uname -sr); load average at the start: $(cut -d" " -f1-3 /proc/loadavg)"
    echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' + local changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
} > "$work/machine.txt"
cat "$work/machine.txt" >&2

echo "== FP32 peak" >&2
gcc -O3 -march=native -pthread -o "$work/fma" benchmarks/peak/fma.c
peak=$("$work/fma" "$(nproc)" | cut -d' ' -f1)
echo "$peak GFLOP/s" >&2

: > "$work/notes.txt"
exclude=()
if ! probe=$(java -cp benchmarks/target/benchmarks.jar dev.digits.benchmarks.GeneratorProbe 2>/dev/null); then
    exclude=(-e GenerateBenchmark)
    echo "Generation not measured: ${probe:-the probe failed}. GenerateBenchmark runs once a generator is bundled." >> "$work/notes.txt"
fi

# One JMH run per group, with the 1-minute load average before and after it: figures taken on a busy machine
# describe the machine, not the code, so report.py marks every row taken above a load of $max_load. A backend,
# its raw runtime and its concurrent callers are one group, so that their ratios come from one run.
max_load=0.5
groups=("pictures:PictureBenchmark" "classify:(ClassifyBenchmark|RawRuntimeBenchmark|SharedClassifierBenchmark)"
        "read:ReadBenchmark" "generate:GenerateBenchmark")
load() { cut -d" " -f1 /proc/loadavg; }
# The previous group's own work lifts the 1-minute load average for a minute or two after it ends: wait (up to
# BENCH_QUIET_WAIT seconds, default 300) for it to fall to $max_load, so that a group starts on a quiet machine.
wait_quiet() {
    local waited=0 limit=${BENCH_QUIET_WAIT:-300}
    $quick && return 0
    while awk -v l="$(load)" -v m="$max_load" 'BEGIN { exit !(l > m) }' && ((waited < limit)); do
        sleep 5
        waited=$((waited + 5))
    done
    ((waited > 0)) && echo "waited ${waited} s for a load of $max_load or less before $1 (now $(load))" >&2
    return 0
}
: > "$work/loads.txt"
jsons=()
for group in "${groups[@]}"; do
    name=${group%%:*} pattern=${group#*:}
    if [[ " ${exclude[*]} " == *" ${pattern} "* ]]; then
        continue
    fi
    wait_quiet "the $name group"
    before=$(load)
    if awk -v l="$before" -v m="$max_load" 'BEGIN { exit !(l > m) }'; then
        echo "WARNING: load average $before before the $name group (above $max_load); its rows will be marked" >&2
    fi
    echo "== JMH: $name (load $before)" >&2
    java -jar benchmarks/target/benchmarks.jar "${jmh_defaults[@]}" "$@" "$pattern" -rf json -rff "$work/jmh-$name.json" >&2
    after=$(load)
    echo "$name $pattern $before $after" >> "$work/loads.txt"
    jsons+=("$work/jmh-$name.json")
done
python3 - "$json" "${jsons[@]}" <<'PY'
import json, sys
merged = []
for path in sys.argv[2:]:
    merged += json.load(open(path))
json.dump(merged, open(sys.argv[1], "w"), indent=2)
PY

echo "== cold start ($cold_runs alternating pairs)" >&2
ort_jar=benchmarks/target/coldstart/onnxruntime.jar # copied there by the build
mkdir -p "$work/bare"
javac -d "$work/bare" -cp "$ort_jar" benchmarks/coldstart/BareOnnx.java
model=digit-onnx/src/main/resources/dev/digits/onnx/models/classifier.onnx
# The launcher as users run it, with its class-data archive in a folder of this run's own (made by the first,
# uncounted run); 'java -jar' is timed beside it for reference.
export DIGITS_CDS_DIR="$work/cds"
rm -rf "$DIGITS_CDS_DIR"
digits=(digit-examples/target/digits predict samples/4_ericadgjl_1.jpg)
jar=(java -jar digit-examples/target/digits.jar predict samples/4_ericadgjl_1.jpg)
bare=(java -cp "$work/bare:$ort_jar" BareOnnx "$model")
millis() { # runs a command quietly, prints its wall time in ms; fails when the command fails
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
millis "${digits[@]}" > /dev/null && millis "${bare[@]}" > /dev/null && millis "${jar[@]}" > /dev/null # fill the page cache and make the archive; not counted
: > "$work/coldstart.txt"
wait_quiet "the cold start"
cold_before=$(load)
for ((i = 0; i < cold_runs; i++)); do
    echo "$(millis "${digits[@]}") $(millis "${bare[@]}") $(millis "${jar[@]}")" >> "$work/coldstart.txt"
done

echo "coldstart coldstart $cold_before $(load)" >> "$work/loads.txt"

python3 benchmarks/report.py "$json" "$work/machine.txt" "$peak" "$work/coldstart.txt" "$work/notes.txt" "$md" \
    "$work/loads.txt" "${report_flags[@]}"
echo "== wrote $md and $json" >&2
cat "$md"
