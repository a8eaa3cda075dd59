#!/usr/bin/env bash
# Bestookt de hele API met door schemathesis gegenereerde verzoeken uit
# openapi/openapi.json en controleert dat geen enkel antwoord een 5xx is en dat
# statuscodes, content-types, headers en bodies bij het document passen.
# Handmatig te draaien (niet in CI: het duurt ongeveer een minuut en vraagt Python).
# Vereist: pip install schemathesis. DATABASE_URL: een superuser-URL (standaard
# de PostgreSQL op 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
db="weefsel_schemathesis"
port="${ST_PORT:-18282}"

cargo build --quiet --bin weefsel
psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="$base/$db" ./target/debug/weefsel migrate >/dev/null
DATABASE_URL="$base/$db" ./target/debug/weefsel seed --demo >/dev/null
DATABASE_URL="$base/$db" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn \
  ./target/debug/weefsel serve &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
token=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/token" \
  -d grant_type=password -d username=oss.beheerder -d password=weefsel-demo-2026 |
  sed -E 's/.*"access_token":"([^"]+)".*/\1/')

st run "http://127.0.0.1:$port/api/v1/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --max-examples "${ST_EXAMPLES:-60}"
