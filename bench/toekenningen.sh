#!/usr/bin/env bash
# Toekenningen per seconde op één budget onder concurrentie (issue 13), zonder
# overschrijding.
#
# Een verse database met `seed --synthetic --schaal 10`, de release-binary, één budget
# dat 20 000 toekenningen van 10 euro kan dragen en 30 000 ingediende aanvragen daarbij.
# wrk (64 verbindingen, 2 threads) doet `POST /aanvragen/{id}/besluit` als
# oss.budgethouder, elke aanvraag één keer; daarna telt SQL het grootboek na: nooit meer
# gereserveerd dan het totaal, en de totalen gelijk aan de som van de regels.
#
#   bench/toekenningen.sh          # 10 s
#   BENCH_SECONDS=5 bench/toekenningen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
port="${BENCH_PORT:-18191}"
seconds="${BENCH_SECONDS:-10}"
db="weefsel_bench_geld"
db_url="$base/$db"

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet --bin weefsel
bin=./target/release/weefsel
work="$(mktemp -d)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$work"
}
trap cleanup EXIT

psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="$db_url" $bin migrate >/dev/null
DATABASE_URL="$db_url" $bin seed --synthetic --schaal 10 >&2
q() { psql -At "$db_url" -c "$1"; }
budget=$(q "INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag)
            SELECT gen_random_uuid(), id, 'Wedloop', 2026, 'micro', 20000000, 100000 FROM gemeente
            WHERE code = 'GM0828' RETURNING id" | head -1)
initiatief=$(q "SELECT id FROM initiatief WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = 'GM0828') LIMIT 1")
q "INSERT INTO aanvraag (id, gemeente_id, budget_id, initiatief_id, aangevraagd_bedrag, status, ingediend_op, beslissen_voor)
   SELECT gen_random_uuid(), gemeente_id, id, '$initiatief', 1000, 'ingediend', current_date, current_date + 14
   FROM budget, generate_series(1, 30000) WHERE id = '$budget'" >/dev/null
q "SELECT id FROM aanvraag WHERE budget_id = '$budget' ORDER BY id" >"$work/ids.txt"
q "VACUUM ANALYZE" >/dev/null

DATABASE_URL="$db_url?sslmode=disable" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn \
  WEEFSEL_RETENTIE_INTERVAL=0 WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 $bin serve &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
token=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/token" -d grant_type=password \
  -d username=oss.budgethouder -d password=weefsel-demo-2026 | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

cat >"$work/besluit.lua" <<LUA
local threads = {}
local teller = 0
function setup(thread)
  thread:set("nummer", teller)
  teller = teller + 1
  table.insert(threads, thread)
end
function init(args)
  ids = {}
  for regel in io.lines("$work/ids.txt") do ids[#ids + 1] = regel end
  volgende = nummer + 1
  toegekend, ontoereikend, anders = 0, 0, 0
end
function request()
  local id = ids[volgende]
  volgende = volgende + 2
  if id == nil then id = ids[1] end
  return wrk.format("POST", "/api/v1/aanvragen/" .. id .. "/besluit",
    {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"},
    '{"toegekendBedrag": 1000, "motivering": "Wedloop"}')
end
function response(status, headers, body)
  if status == 200 then toegekend = toegekend + 1
  elseif status == 409 and string.find(body, "budget_ontoereikend") then ontoereikend = ontoereikend + 1
  else anders = anders + 1 end
end
function done(summary, latency, requests)
  local t, o, a = 0, 0, 0
  for _, thread in ipairs(threads) do
    t = t + thread:get("toegekend"); o = o + thread:get("ontoereikend"); a = a + thread:get("anders")
  end
  local s = summary.duration / 1e6
  io.write(string.format("besluiten %d in %.1f s: %d toegekend (%.0f/s), %d ontoereikend, %d anders; p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, s, t, t / s, o, a, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
wrk -t2 -c64 -d"${seconds}s" -s "$work/besluit.lua" "http://127.0.0.1:$port" | tail -1
echo "grootboek: $(q "SELECT format('gereserveerd %s van %s; som reserveringen %s; overschreden: %s',
  b.gereserveerd, b.totaal_bedrag, (SELECT coalesce(sum(bedrag), 0) FROM mutatie WHERE budget_id = b.id),
  b.gereserveerd > b.totaal_bedrag) FROM budget b WHERE id = '$budget'")"
