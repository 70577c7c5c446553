#!/usr/bin/env python3
"""Turns JMH's JSON results, the FMA peak and the cold-start timings into the Markdown table of run.sh.

Usage: report.py RESULTS.json MACHINE.txt PEAK_GFLOPS COLDSTART.txt NOTES.txt OUT.md [LOADS.txt] [--quick]

MACHINE.txt holds "key: value" lines; COLDSTART.txt one "digits_ms bare_ms" line per alternating pair;
NOTES.txt free lines added under the table (what was left out and why); LOADS.txt one "group pattern before after"
line per group of benchmarks run together (the 1-minute load average before and after it; pattern a regular
expression on the benchmark's class and method).
"""
import json
import re
import statistics
import sys

# Rows taken above this load average are marked: they describe a busy machine, not the code.
MAX_LOAD = 0.5

# Multiply-adds per image of the bundled classifier (its card's macs.per.image); a multiply-add is 2 FLOPs.
FLOPS_PER_IMAGE = 2 * 3_745_024

SHORT = {
    "ClassifyBenchmark.classify": "classify(List)",
    "RawRuntimeBenchmark.ortSessionRun": "raw OrtSession.run",
    "RawRuntimeBenchmark.dl4jOutput": "raw MultiLayerNetwork.output",
    "SharedClassifierBenchmark.threads1": "shared classifier, 1 image/call",
    "SharedClassifierBenchmark.threads2": "shared classifier, 1 image/call",
    "SharedClassifierBenchmark.threads4": "shared classifier, 1 image/call",
    "SharedClassifierBenchmark.threads8": "shared classifier, 1 image/call",
    "PictureBenchmark.preprocessPhoto2000": "preprocess 2000×2000 photo",
    "PictureBenchmark.preprocessPicture28": "preprocess 28×28 picture",
    "PictureBenchmark.jpeg12MpToDigit": "12 MP JPEG file to digit",
    "GenerateBenchmark.generate64": "generate 64 digits",
    "ReadBenchmark.readSixDigits": "read a 6-digit number",
    "ReadBenchmark.readTenDigitsOnA12MegapixelPhoto": "read a 10-digit number on a 12 MP photo",
}
RAW_BACKEND = {"RawRuntimeBenchmark.ortSessionRun": "onnx (raw)", "RawRuntimeBenchmark.dl4jOutput": "dl4j (raw)"}


def rows(results):
    """One dict per JMH result: name, backend, size (batch or threads), score, error, unit, images/s."""
    out = []
    for r in results:
        name = r["benchmark"].removeprefix("dev.digits.benchmarks.")
        params = r.get("params", {})
        metric = r["primaryMetric"]
        score, unit = metric["score"], metric["scoreUnit"]
        error = metric.get("scoreError")
        backend = params.get("backend") or RAW_BACKEND.get(name) or ("onnx" if "jpeg" in name else "–")
        if "batch" in params:
            size = "batch " + params["batch"]
            images = int(params["batch"]) / seconds(score, unit)
        elif name.startswith("SharedClassifier"):
            size = f"{r['threads']} thread" + ("s" if r["threads"] > 1 else "")
            # Sampled time is the mean time of one call on each thread, so all threads together answer
            # threads ÷ mean calls per second.
            images = score if unit == "ops/s" else r["threads"] / seconds(score, unit)
        else:
            size, images = "–", None
        p99 = metric.get("scorePercentiles", {}).get("99.0") if metric.get("scorePercentiles") else None
        out.append(dict(name=name, backend=backend, size=size, score=score, error=error, unit=unit,
                        images=images, params=params, threads=r["threads"],
                        p99=seconds(p99, unit) if p99 is not None and unit.endswith("/op") else None))
    return out


def order(r):
    """Pictures first; then per batch each backend beside its raw runtime; then the shared classifier."""
    group = 0 if r["name"].startswith("Picture") else 2 if r["name"].startswith("Shared") else 1
    batch = int(r["params"].get("batch", 0))
    runtime = 0 if "onnx" in r["backend"] else 1
    return group, batch, runtime, "Raw" in r["name"], r["threads"], r["name"]


def seconds(score, unit):
    """Seconds per operation from a JMH average-time score."""
    return score * {"s/op": 1, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}[unit]


def find(table, name, backend=None, batch=None):
    for r in table:
        if r["name"] == name and (backend is None or r["params"].get("backend") == backend) \
                and (batch is None or r["params"].get("batch") == str(batch)):
            return r
    return None


def number(x, digits=3):
    x = None if x is None else float(x)  # JMH writes a missing error as the string "NaN"
    if x is None or x != x:
        return "–"
    return f"{x:,.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"


def shared(table, backend, threads):
    """The shared-classifier row of a backend and number of threads, or None."""
    for r in table:
        if r["name"].startswith("SharedClassifier") and r["params"].get("backend") == backend \
                and r["threads"] == threads:
            return r
    return None


def ratio_column(table, r):
    """The row's ratio: a backend against its raw runtime (time), DL4J against ONNX (throughput); concurrent
    callers against the same backend's batch of 256 (throughput) and a lone caller against classify(List) of one."""
    if r["name"].startswith("SharedClassifier"):
        parts = [f"p99 {r['p99'] * 1e3:.2f} ms"] if r["p99"] is not None else []
        batch = find(table, "ClassifyBenchmark.classify", r["params"].get("backend"), 256)
        if batch and r["images"]:
            parts.append(f"{r['images'] / batch['images']:.2f}× batch-256 img/s")
        one = find(table, "ClassifyBenchmark.classify", r["params"].get("backend"), 1)
        if r["threads"] == 1 and one and r["unit"].endswith("/op"):
            parts.append(f"{seconds(r['score'], r['unit']) / seconds(one['score'], one['unit']):.2f}× batch-1 time")
        return ", ".join(parts)
    if r["name"] != "ClassifyBenchmark.classify":
        return ""
    backend, batch = r["params"]["backend"], r["params"]["batch"]
    raw = find(table, "RawRuntimeBenchmark." + ("ortSessionRun" if backend == "onnx" else "dl4jOutput"), batch=batch)
    parts = []
    if raw:
        parts.append(f"{r['score'] / raw['score']:.2f}× raw time")
    if backend == "dl4j":
        onnx = find(table, r["name"], "onnx", batch)
        if onnx:
            parts.append(f"{r['images'] / onnx['images']:.2f}× ONNX img/s")
    return ", ".join(parts)


def targets(table, cold):
    """(target, figure, verdict) per target of issues 11 and 28; n/a when a figure is missing."""
    checks = []

    def check(what, value, shown, ok):
        checks.append((what, shown if value is not None else "not measured",
                       "n/a" if value is None else ("PASS" if ok(value) else "MISS")))

    onnx1, raw1 = find(table, "ClassifyBenchmark.classify", "onnx", 1), find(table, "RawRuntimeBenchmark.ortSessionRun", batch=1)
    v = onnx1["score"] / raw1["score"] if onnx1 and raw1 else None
    check("ONNX batch-1 classify ≤ 1.15× raw OrtSession time", v, f"{v:.2f}×" if v else "", lambda x: x <= 1.15)
    onnx256, raw256 = find(table, "ClassifyBenchmark.classify", "onnx", 256), find(table, "RawRuntimeBenchmark.ortSessionRun", batch=256)
    v = onnx256["images"] / raw256["images"] if onnx256 and raw256 else None
    check("ONNX batch-256 throughput ≥ 0.9× raw", v, f"{v:.2f}×" if v else "", lambda x: x >= 0.9)
    dl4j256 = find(table, "ClassifyBenchmark.classify", "dl4j", 256)
    v = dl4j256["images"] / onnx256["images"] if dl4j256 and onnx256 else None
    check("DL4J batch-256 throughput ≥ 0.5× ONNX backend (aim 0.85×)", v, f"{v:.2f}×" if v else "",
          lambda x: x >= 0.5)
    small = find(table, "PictureBenchmark.preprocessPicture28")
    v = seconds(small["score"], small["unit"]) * 1e6 if small else None
    check("a 28×28 MNIST-form picture passed through ≤ 2 µs", v, f"{v:.2f} µs" if v else "", lambda x: x <= 2)
    for backend in ("onnx", "dl4j"):
        eight, batch = shared(table, backend, 8), find(table, "ClassifyBenchmark.classify", backend, 256)
        v = eight["images"] / batch["images"] if eight and batch else None
        check(f"{backend}: 8 callers, 1 picture each, ≥ 0.7× batch-256 throughput", v, f"{v:.2f}×" if v else "",
              lambda x: x >= 0.7)
        v = eight["p99"] * 1e3 if eight and eight["p99"] is not None else None
        check(f"{backend}: 8 callers' p99 latency ≤ 5 ms", v, f"{v:.2f} ms" if v else "", lambda x: x <= 5)
        lone, one = shared(table, backend, 1), find(table, "ClassifyBenchmark.classify", backend, 1)
        v = seconds(lone["score"], lone["unit"]) / seconds(one["score"], one["unit"]) \
            if lone and one and lone["unit"].endswith("/op") else None
        check(f"{backend}: a lone caller ≤ 1.10× the batch-1 time", v, f"{v:.2f}×" if v else "", lambda x: x <= 1.10)
    photo = find(table, "PictureBenchmark.preprocessPhoto2000")
    v = seconds(photo["score"], photo["unit"]) * 1e3 if photo else None
    check("preprocessing a decoded 2000×2000 photo ≤ 5 ms", v, f"{v:.2f} ms" if v else "", lambda x: x <= 5)
    jpeg = find(table, "PictureBenchmark.jpeg12MpToDigit")
    v = seconds(jpeg["score"], jpeg["unit"]) * 1e3 if jpeg else None
    check("12 MP JPEG to digit < 150 ms", v, f"{v:.1f} ms" if v else "", lambda x: x < 150)
    v = cold["ratio"] if cold else None
    check("cold start of the `digits` launcher ≤ 1.5× the bare ONNX Runtime program", v,
          f"{v:.2f}× ({cold['digits']:.0f} ms vs {cold['bare']:.0f} ms)" if v else "", lambda x: x <= 1.5)
    return checks


def read_loads(path):
    """[(group, pattern, before, after)] from LOADS.txt; empty without one."""
    if not path:
        return []
    loads = []
    for line in open(path):
        parts = line.split()
        if len(parts) == 4:
            loads.append((parts[0], parts[1], float(parts[2]), float(parts[3])))
    return loads


def load_of(loads, name):
    """The (before, after) load of the group a benchmark ran in, or None."""
    for group, pattern, before, after in loads:
        if group != "coldstart" and re.search(pattern, name):
            return before, after
    return None


def busy(load):
    """Whether a group started on a busy machine. Only the load before it counts: the load after it is mostly the
    group's own work (a minute of benchmarks on every core lifts the 1-minute average well above 1)."""
    return load is not None and load[0] > MAX_LOAD


def load_cell(load):
    if load is None:
        return "–"
    return f"{load[0]:.2f}→{load[1]:.2f}{' ⚠' if busy(load) else ''}"


def settings(results):
    """The distinct fork, warm-up and measurement settings of the run."""
    return {f"{r['forks']} fork(s), {r['warmupIterations']} × {r['warmupTime']} warm-up, "
            f"{r['measurementIterations']} × {r['measurementTime']} measured" for r in results}


def coldstart(path):
    """Medians of COLDSTART.txt's lines "launcher_ms bare_ms [jar_ms]"; jar is None when the column is missing."""
    runs = [tuple(map(float, line.split())) for line in open(path) if line.strip()]
    if not runs:
        return None
    digits, bare = statistics.median(p[0] for p in runs), statistics.median(p[1] for p in runs)
    jar = statistics.median(p[2] for p in runs) if all(len(p) > 2 for p in runs) else None
    return dict(digits=digits, bare=bare, jar=jar, ratio=digits / bare, runs=len(runs))


def main(argv):
    results_path, machine_path, peak, cold_path, notes_path, out_path = argv[:6]
    quick = "--quick" in argv[6:]
    extra = [a for a in argv[6:] if a != "--quick"]
    loads = read_loads(extra[0] if extra else None)
    results = json.load(open(results_path))
    table = sorted(rows(results), key=order)
    peak = float(peak)
    cold = coldstart(cold_path)
    machine = [line.rstrip("\n") for line in open(machine_path) if line.strip()]
    first = results[0] if results else {}

    md = ["# Benchmark results", ""]
    if quick:
        md += ["**Smoke test (`run.sh --quick`): settings far too short, these figures are not measurements.**", ""]
    md += ["Made by `benchmarks/run.sh`; the benchmarks are described in `benchmarks/README.md`.", ""]
    md += [f"- {line}" for line in machine]
    md += [f"- FP32 peak (benchmarks/peak/fma.c, all cores): **{peak:.1f} GFLOP/s**",
           f"- JMH {first.get('jmhVersion', '?')}: " + "; ".join(sorted(settings(results))),
           f"- GFLOP/s = images/s × {FLOPS_PER_IMAGE:,} FLOPs (2 × the card's macs.per.image); error = JMH's 99.9% interval", ""]

    busy_groups = [(g, b, a) for g, _, b, a in loads if busy((b, a))]
    if loads:
        md += ["## Load", "",
               f"The 1-minute load average before → after each group of benchmarks (run together, so that their ratios"
               f" come from one run); the load after is mostly the group's own work. Rows of a group that started"
               f" above {MAX_LOAD} are marked ⚠: they describe a busy machine, not the code.", "",
               "| group | load |", "|---|---|"]
        md += [f"| {group} | {load_cell((before, after))} |" for group, _, before, after in loads]
        md.append("")
        for group, before, after in busy_groups:
            print(f"WARNING: the {group} group ran at a load of {before:.2f}→{after:.2f}, above {MAX_LOAD}; "
                  "its rows are marked", file=sys.stderr)
    md += ["| benchmark | backend | batch/threads | score | error | unit | images/s | GFLOP/s | % of peak | ratio | load |",
           "|---|---|---|---:|---:|---|---:|---:|---:|---|---|"]
    for r in table:
        gflops = r["images"] * FLOPS_PER_IMAGE / 1e9 if r["images"] else None
        md.append(f"| {SHORT.get(r['name'], r['name'])} | {r['backend']} | {r['size']} | {number(r['score'])} | "
                  f"{number(r['error'])} | {r['unit']} | {number(r['images'])} | {number(gflops)} | "
                  f"{number(100 * gflops / peak if gflops else None, 2)} | {ratio_column(table, r)} | "
                  f"{load_cell(load_of(loads, r['name']))} |")
    md.append("")

    if cold:
        md += ["## Cold start", "",
               f"Median of {cold['runs']} alternating runs each, wall time of the whole process:", "",
               "| program | median |", "|---|---:|",
               f"| `digit-examples/target/digits predict samples/4_ericadgjl_1.jpg` (the launcher) | {cold['digits']:.0f} ms |"]
        if cold["jar"] is not None:
            md += [f"| `java -jar digit-examples/target/digits.jar predict samples/4_ericadgjl_1.jpg` | {cold['jar']:.0f} ms |"]
        md += [f"| bare ONNX Runtime program (`benchmarks/coldstart/BareOnnx.java`) | {cold['bare']:.0f} ms |",
               f"| ratio, launcher to bare | {cold['ratio']:.2f}× |"]
        if cold["jar"] is not None:
            md += [f"| ratio, `java -jar` to bare | {cold['jar'] / cold['bare']:.2f}× |"]
        md.append("")
        cold_load = [(b, a) for g, _, b, a in loads if g == "coldstart"]
        if cold_load:
            md += [f"Load average before → after: {load_cell(cold_load[0])}.", ""]

    md += ["## Targets", "", "| target | figure | verdict |", "|---|---|---|"]
    md += [f"| {what} | {figure} | **{verdict}** |" for what, figure, verdict in targets(table, cold)]
    md.append("")
    notes = [line.rstrip("\n") for line in open(notes_path) if line.strip()]
    if notes:
        md += ["## Notes", ""] + [f"- {line}" for line in notes] + [""]
    open(out_path, "w").write("\n".join(md))


if __name__ == "__main__":
    main(sys.argv[1:])
