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
DATABASE_URL="$base/$db" ./target/release/weefsel seed --demo >/dev/null

DATABASE_URL="$base/$db" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn \
  ./target/release/weefsel serve &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.1; done

token=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/token" \
  -d grant_type=password -d username=oss.beheerder -d password=weefsel-demo-2026 |
  sed -E 's/.*"access_token":"([^"]+)".*/\1/')

echo "machine: $(nproc) kernen; wrk 2 threads, 32 verbindingen, ${seconds}s per endpoint"
for path in /health/live /health/ready /api/v1/gemeenten /api/v1/gemeenten/GM0828 \
            /api/v1/gebruikers /api/v1/gebruikers/mij /api/v1/audit-trail \
            /api/v1/gebieden /api/v1/trajecten; do
  echo "== GET $path"
  wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port$path" | grep -E 'Requests/sec|50%|99%|Non-2xx'
done

# Inloggen kost bewust een argon2id-hash (19 MiB, 2 iteraties) per poging.
script=$(mktemp --suffix=.lua)
cat >"$script" <<'LUA'
wrk.method = "POST"
wrk.body = "grant_type=password&username=oss.coordinator&password=weefsel-demo-2026"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
echo "== POST /api/v1/auth/token (password)"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port/api/v1/auth/token" |
  grep -E 'Requests/sec|50%|99%|Non-2xx'
rm -f "$script"
