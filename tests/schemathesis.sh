#!/usr/bin/env bash
# Bestookt de API met door schemathesis gegenereerde verzoeken uit het served
# OpenAPI-document, met álle controles (ook positieve en negatieve acceptatie van
# invoer en niet-gedeclareerde methoden) en de stateful fase, als drie aanroepers:
# een coordinator en een gemeentelijk beheerder van Oss en regio.beheerder, naast
# elkaar (elk met een eigen database en dienst).
# Vindt het iets, dan eindigt het script met exitcode 1.
#
#   tests/schemathesis.sh                 # ST_EXAMPLES=60 per operatie
#   ST_EXAMPLES=20 ST_PHASES=examples,coverage,fuzzing tests/schemathesis.sh
#
# Vereist: python3 (schemathesis, in de versie hieronder, wordt zo nodig met pip
# geïnstalleerd), psql, en DATABASE_URL als superuser-URL (standaard de PostgreSQL
# op 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
port="${ST_PORT:-18282}"
callers="${ST_CALLERS:-oss.coordinator oss.beheerder regio.beheerder}"

# Een vaste versie: een nieuwe uitgave genereert anders, en CI moet morgen hetzelfde
# doen als vandaag. Bijwerken is een eigen commit, met een volledige run erbij.
versie="4.32.5"
if ! st --version 2>/dev/null | grep -qx "schemathesis, version $versie"; then
  python3 -m pip install --quiet "schemathesis==$versie" >/dev/null
fi
cargo build --quiet --bin weefsel

# Eén aanroeper: een eigen database en een eigen dienst (poort `port + n`), zodat de
# drie naast elkaar draaien en elkaars toestand niet zien.
aanroeper() {
  local n="$1" caller="$2" db="weefsel_schemathesis_$$_$1" poort=$((port + $1))
  local log="$werk/dienst.$n" uit="$werk/uit.$n"
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  DATABASE_URL="$base/$db" ./target/debug/weefsel migrate >/dev/null
  DATABASE_URL="$base/$db" ./target/debug/weefsel seed --demo >/dev/null
  # Geen verzoeklimieten: schemathesis stuurt duizenden verzoeken per minuut per token
  # (de limieten zelf toetst tests/api/grenzen.rs).
  DATABASE_URL="$base/$db" WEEFSEL_LISTEN="127.0.0.1:$poort" WEEFSEL_LOG=warn \
    WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 \
    ./target/debug/weefsel serve >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$poort/health/ready" >/dev/null && break; sleep 0.1; done
  local token uitslag=0
  token=$(curl -sf "http://127.0.0.1:$poort/api/v1/auth/token" \
    -d grant_type=password -d username="$caller" -d password=weefsel-demo-2026 |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  st --config-file tests/schemathesis.toml run "http://127.0.0.1:$poort/api/v1/openapi.json" \
    --url "http://127.0.0.1:$poort/api/v1" \
    -H "Authorization: Bearer $token" \
    --checks all \
    --phases "${ST_PHASES:-examples,coverage,fuzzing,stateful}" \
    --max-examples "${ST_EXAMPLES:-60}" \
    --seed "${ST_SEED:-20261124}" \
    --no-color >"$uit" 2>&1 || uitslag=1
  kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  if grep -q "panicked" "$log"; then
    echo "De dienst raakte in paniek:" >>"$uit"; grep -A3 "panicked" "$log" >>"$uit"; uitslag=1
  fi
  return $uitslag
}

werk="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait || true; rm -rf "$werk"' EXIT
n=0
pids=()
for caller in $callers; do
  n=$((n + 1))
  aanroeper "$n" "$caller" &
  pids+=("$!")
done
status=0
n=0
for caller in $callers; do
  n=$((n + 1))
  wait "${pids[$((n - 1))]}" || status=1
  echo "== schemathesis als $caller"
  cat "$werk/uit.$n" 2>/dev/null || echo "(geen uitvoer: de database of de dienst kwam niet op)"
done
exit $status
