#!/usr/bin/env bash
# Meet de doorvoer van een paar leesendpoints met wrk, alleen over loopback en
# begrensd in tijd. Gebruik: bench/run.sh (DATABASE_URL: een superuser-URL;
# standaard de PostgreSQL op 127.0.0.1:5432). Vereist: wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
db="weefsel_bench"
port="${BENCH_PORT:-18181}"
seconds="${BENCH_SECONDS:-10}"

cargo build --release --quiet --bin weefsel
psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="$base/$db" ./target/release/weefsel migrate >/dev/null

DATABASE_URL="$base/$db" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn \
  ./target/release/weefsel serve &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.1; done

echo "machine: $(nproc) kernen; wrk 2 threads, 32 verbindingen, ${seconds}s per endpoint"
for path in /health/live /api/v1/gemeenten /api/v1/gemeenten/GM0828 /health/ready; do
  echo "== GET $path"
  wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port$path" | grep -E 'Requests/sec|50%|99%|Non-2xx'
done
