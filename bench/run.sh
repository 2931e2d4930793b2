#!/usr/bin/env bash
# The benchmark: generates inputs at two scales, runs the rollup on each available runner and the
# DuckDB baseline under /usr/bin/time -v, checks that every engine wrote the same summary and
# attainment tables as DuckDB, and prints wall time, CPU time, peak RSS, rows/s and the ratio to
# DuckDB. See bench/README.md.
#
#   bench/run.sh                                  # 40k and 400k enterprises, every engine
#   bench/run.sh --scales=2000 --engines=duckdb,direct
#
# Options:
#   --scales=N,N         enterprises per scale (default 40000,400000)
#   --engines=LIST       from duckdb,direct,spark,flink (default all; duckdb always runs first)
#   --work=DIR           data, outputs and logs (default /tmp/rollup-bench)
#   --seed=N             generator seed (default 1)
#   --repeat=N           runs per engine and scale; the table shows the run of median wall time
#   --timeout=SECONDS    per run (default 7200)
# Environment: ROLLUP_JAVA_OPTS is passed on by ./rollup (and used for jars run directly);
# BENCH_SPARK_JAR / BENCH_FLINK_JAR name a runner jar to run directly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
scales="40000,400000"
engines="duckdb,direct,spark,flink"
work="/tmp/rollup-bench"
seed=1
repeat=1
timeout_s=7200
for arg in "$@"; do
  case "$arg" in
    --scales=*) scales="${arg#*=}" ;;
    --engines=*) engines="${arg#*=}" ;;
    --work=*) work="${arg#*=}" ;;
    --seed=*) seed="${arg#*=}" ;;
    --repeat=*) repeat="${arg#*=}" ;;
    --timeout=*) timeout_s="${arg#*=}" ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
work="$(cd "$work" && pwd)"
say() { echo "run.sh: $*" >&2; }

# --- tools ------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time (for /usr/bin/time -v)"
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
  fi
fi
for tool in java javac python3 timeout; do
  command -v "$tool" >/dev/null || { say "$tool not found"; exit 1; }
done
duckdb_jar="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar"
if [ ! -f "$duckdb_jar" ]; then
  say "fetching org.duckdb:duckdb_jdbc:2.0.0.1 with Maven"
  mvn -q dependency:get -Dartifact=org.duckdb:duckdb_jdbc:2.0.0.1 >&2
fi
# Compiled once, so that the measured DuckDB run does not include compiling its runner.
classes="$work/classes"
mkdir -p "$classes"
javac -nowarn -d "$classes" -cp "$duckdb_jar" "$here/DuckDbBaseline.java" "$here/Compare.java"
rollup_jar="$root/pipelines/target/rollup-0.1.0.jar"
if [ ! -f "$rollup_jar" ]; then
  say "building the rollup jar (./rollup --help)"
  "$root/rollup" --help >/dev/null
fi
stale="$(find "$root/pipelines/src/main" "$root/schemas" "$root/pom.xml" "$root/pipelines/pom.xml" \
  -type f -newer "$rollup_jar" 2>/dev/null | head -n 1)"
if [ -n "$stale" ]; then
  say "WARNING: $rollup_jar is older than $stale: this measures the old build"
  say "         (rebuild first: mvn -B -q -DskipTests package)"
fi

# --- engines ----------------------------------------------------------------------------------
spark_opens="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"

# A jar under pipelines/target (shaded, not original-*) that holds the given class, if any.
jar_with_class() {
  python3 - "$1" "$root"/pipelines/target/*.jar <<'PY'
import sys, zipfile, os
cls = sys.argv[1]
for j in sys.argv[2:]:
    if os.path.basename(j).startswith("original-") or not os.path.isfile(j):
        continue
    try:
        with zipfile.ZipFile(j) as z:
            if cls in z.namelist():
                print(j)
                break
    except zipfile.BadZipFile:
        pass
PY
}

# Sets cmd (an array) for an engine, or returns 1 with the reason in skip_reason.
declare -a cmd
skip_reason=""
engine_command() {
  local engine="$1" class="" runner="" jar="" env_jar="" word=""
  case "$engine" in
    duckdb) cmd=(java -cp "$duckdb_jar:$classes" DuckDbBaseline --sql="$here/baseline.sql"); return 0 ;;
    direct) cmd=("$root/rollup"); return 0 ;;
    spark) runner=SparkRunner; class=org/apache/beam/runners/spark/SparkRunner.class
           env_jar="${BENCH_SPARK_JAR:-}"; word=spark ;;
    flink) runner=FlinkRunner; class=org/apache/beam/runners/flink/FlinkRunner.class
           env_jar="${BENCH_FLINK_JAR:-}"; word=flink ;;
    *) skip_reason="unknown engine"; return 1 ;;
  esac
  local args=(--runner="$runner")
  if [ "$engine" = spark ]; then args+=(--sparkMaster="local[2]"); else args+=(--flinkMaster="[local]" --parallelism=2); fi
  local opens=""
  [ "$engine" = spark ] && opens="$spark_opens"
  if [ -n "$env_jar" ]; then
    # shellcheck disable=SC2086
    cmd=(java ${ROLLUP_JAVA_OPTS:--Xmx4g} $opens -jar "$env_jar" "${args[@]}"); return 0
  fi
  if grep -qi "$word" "$root/rollup"; then
    cmd=("$root/rollup" "${args[@]}"); return 0
  fi
  jar="$(jar_with_class "$class")"
  if [ -n "$jar" ]; then
    say "$runner: ./rollup has no $word support; running $jar directly"
    # shellcheck disable=SC2086
    cmd=(java ${ROLLUP_JAVA_OPTS:--Xmx4g} $opens -jar "$jar" "${args[@]}"); return 0
  fi
  skip_reason="no jar in pipelines/target contains $runner and ./rollup does not mention it (set BENCH_${word^^}_JAR=... to name one)"
  return 1
}

# Runs the engine's command on a folder without input: a runner that is not on the class path
# fails with exit 2 (bad command line), one that is fails later with exit 1 (missing input).
engine_probe() {
  local probe_in="$work/probe-input" probe_out="$work/probe-output" log="$work/logs/probe-$1.log"
  mkdir -p "$probe_in" "$work/logs"
  local rc=0
  timeout 600 "${cmd[@]}" --input="$probe_in" --output="$probe_out" >"$log" 2>&1 || rc=$?
  if [ "$rc" = 2 ] || grep -q "Unknown 'runner'" "$log"; then
    skip_reason="$(grep -m1 -i "error" "$log" || head -n1 "$log")"
    return 1
  fi
  return 0
}

# --- one measured run -------------------------------------------------------------------------
# Prints "wall cpu rss_kb exit_code" of the run.
measure() {
  local log="$1"; shift
  local tfile="$log.time" rc=0
  /usr/bin/time -v -o "$tfile" timeout "$timeout_s" "$@" >"$log" 2>&1 || rc=$?
  python3 - "$tfile" "$rc" <<'PY'
import sys, re
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
def field(name):
    m = re.search(r"^\s*" + re.escape(name) + r": (.*)$", text, re.M)
    return m.group(1).strip() if m else ""
wall = 0.0
for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
    wall = wall * 60 + float(part or 0)
cpu = float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0)
rss = int(field("Maximum resident set size (kbytes)") or 0)
print("%.2f %.2f %d %s" % (wall, cpu, rss, sys.argv[2]))
PY
}

# --- the benchmark ----------------------------------------------------------------------------
results="$work/results.tsv"
: >"$results"
IFS=, read -r -a scale_list <<<"$scales"
IFS=, read -r -a engine_list <<<"$engines"
# duckdb first: it is the reference of the equality check and of the ratio.
ordered=(duckdb)
for e in "${engine_list[@]}"; do [ "$e" != duckdb ] && ordered+=("$e"); done

for n in "${scale_list[@]}"; do
  data="$work/data/e$n"
  # Reused when written by this generate.py with the same options.
  if [ -f "$data/_generator.json" ] && python3 -c "
import hashlib, json, sys
g = json.load(open('$data/_generator.json')); o = g['options']
same = g.get('generator_sha256') == hashlib.sha256(open('$here/generate.py', 'rb').read()).hexdigest()
sys.exit(0 if same and o['enterprises'] == $n and o['seed'] == $seed and o['years'] == [2019, 2020]
         and o['bad_share'] == 0.002 and o['revision_share'] == 0.001 else 1)"; then
    say "scale $n: reusing $data"
  else
    say "scale $n: generating $data"
    rm -rf "$data"
    python3 "$here/generate.py" --enterprises="$n" --seed="$seed" --out="$data"
  fi
  rows=$(python3 -c "import json; print(json.load(open('$data/_generator.json'))['data_rows_total'])")
  prod_rows=$(python3 -c "import json; print(json.load(open('$data/_generator.json'))['files']['production.csv']['data_rows'])")
  ref=""
  for engine in "${ordered[@]}"; do
    if ! engine_command "$engine"; then
      say "scale $n: $engine skipped: $skip_reason"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$engine" - - - - "$rows" "$prod_rows" "skipped: $skip_reason" >>"$results"
      continue
    fi
    if [ "$engine" = spark ] || [ "$engine" = flink ]; then
      if ! engine_probe "$engine"; then
        say "scale $n: $engine skipped: $skip_reason"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$engine" - - - - "$rows" "$prod_rows" "skipped: $skip_reason" >>"$results"
        continue
      fi
    fi
    out="$work/out/e$n/$engine"
    mkdir -p "$work/logs" "$(dirname "$out")"
    runs=()
    for ((r = 1; r <= repeat; r++)); do
      log="$work/logs/e$n-$engine-$r.log"
      say "scale $n: $engine run $r/$repeat: ${cmd[*]} --input=$data --output=$out"
      runs+=("$(measure "$log" "${cmd[@]}" --input="$data" --output="$out") $log")
    done
    # The run of median wall time.
    read -r wall cpu rss rc log < <(printf '%s\n' "${runs[@]}" | sort -n -k1,1 | sed -n "$(((repeat + 1) / 2))p")
    if [ "$rc" != 0 ]; then
      status="FAILED (exit $rc, see $log)"
      tail -n 5 "$log" >&2 || true
    elif [ "$engine" = duckdb ]; then
      ref="$out"; status="reference"
    elif [ -z "$ref" ]; then
      status="not compared (no DuckDB output)"
    else
      clog="$work/logs/e$n-compare-$engine.log"
      if java -cp "$duckdb_jar:$classes" Compare "$ref" "$out" --labels=duckdb,"$engine" >"$clog" 2>&1; then
        status="EQUAL"
      else
        status="DIFFERENT (see $clog)"
      fi
      cat "$clog" >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$engine" "$wall" "$cpu" "$rss" "$rc" "$rows" "$prod_rows" "$status" >>"$results"
  done
done

# --- the table --------------------------------------------------------------------------------
python3 - "$results" "$work" <<'PY' | tee "$work/results.md"
import sys, os, platform, subprocess, datetime
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ref = {r[0]: float(r[2]) for r in rows if r[1] == "duckdb" and r[5] == "0"}
def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"
def mem_gb():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                return "%.0f GB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        return "?"
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
print("Benchmark of %s on %s, %d cores (%s), %s RAM, %s; %s" % (
    "bench/run.sh", platform.node() or "?", os.cpu_count() or 0, cpu_model(), mem_gb(),
    java[0] if java else "java ?", datetime.datetime.now().strftime("%Y-%m-%d %H:%M")))
print()
print("| enterprises | input rows | engine | wall s | CPU s | peak RSS MB | rows/s | x DuckDB | tables |")
print("|---:|---:|---|---:|---:|---:|---:|---:|---|")
for n, engine, wall, cpu, rss, rc, total, prod, status in rows:
    if wall == "-":
        print("| %s | %s | %s | - | - | - | - | - | %s |" % (n, format(int(total), ","), engine, status))
        continue
    w, c, m = float(wall), float(cpu), int(rss) / 1024
    rps = format(int(int(total) / w), ",") if w > 0 and rc == "0" else "-"
    ratio = "%.1f" % (w / ref[n]) if n in ref and ref[n] > 0 and rc == "0" else "-"
    print("| %s | %s | %s | %.1f | %.1f | %.0f | %s | %s | %s |" % (
        n, format(int(total), ","), engine, w, c, m, rps, ratio, status))
print()
import json
for n, total, prod in sorted({(int(r[0]), int(r[6]), int(r[7])) for r in rows}):
    try:
        g = json.load(open(os.path.join(sys.argv[2], "data", "e%d" % n, "_generator.json")))
        gen = "; generated in %.0f s" % g["seconds"]
    except (OSError, KeyError, ValueError):
        gen = ""
    print("%d enterprises: %s data rows in the input files, %s of them in production.csv%s." % (
        n, format(total, ","), format(prod, ","), gen))
print("wall: elapsed time of the whole process (JVM start included); CPU: user + system time;")
print("peak RSS: maximum resident set size; rows/s: data rows of all input files / wall;")
print("x DuckDB: wall / DuckDB's wall at the same scale; tables: summary and attainment compared")
print("with DuckDB's by bench/Compare.java (decimals and counts exact, doubles to 1e-9 relative).")
PY
say "results: $work/results.md (logs in $work/logs)"
