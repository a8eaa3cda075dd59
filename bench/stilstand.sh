#!/usr/bin/env bash
# Geen verzoek legt de dienst stil (issue 29, T1 punt 1): de antwoordtijd van de drie
# zware bodies (tachtigduizend onbekende velden, veertigduizend in een geneste lijst,
# 25 000 UUID's in delenMet) in een release-build, alleen en tegelijk, en de
# antwoordtijd van /health/live intussen. Doel: elke body < 250 ms, /health/live
# < 100 ms. De uitkomst staat in docs/metingen.md.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bench/stilstand.sh
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
port="${BENCH_PORT:-18193}"
db="weefsel_bench_stilstand"
db_url="$base/$db"

cargo build --release --quiet --bin weefsel
bin=./target/release/weefsel
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}
trap cleanup EXIT

psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="$db_url" $bin migrate >/dev/null
DATABASE_URL="$db_url" $bin seed --demo >/dev/null
q() { psql -At "$db_url" -c "$1"; }
persoon=$(q "SELECT s.id FROM sleutelpersoon s JOIN gemeente g ON g.id = s.gemeente_id
             WHERE g.code = 'GM0828' AND NOT s.verhoogd_risico LIMIT 1")
gebied=$(q "SELECT b.id FROM gebied b JOIN gemeente g ON g.id = b.gemeente_id WHERE g.code = 'GM0828' LIMIT 1")

# Twee workers, zoals op deze machine in productie; geen verzoeklimieten in de weg.
DATABASE_URL="$db_url" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn WEEFSEL_WORKERS=2 \
  WEEFSEL_RETENTIE_INTERVAL=0 WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 $bin serve &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
token=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/token" -d grant_type=password \
  -d username=oss.coordinator -d password=weefsel-demo-2026 | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

BASE="http://127.0.0.1:$port" TOKEN="$token" PERSOON="$persoon" GEBIED="$gebied" python3 bench/stilstand.py
