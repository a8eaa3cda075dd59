#!/usr/bin/env bash
# De database valt weg onder last (issue 16): een eigen PostgreSQL-cluster (initdb op
# een vrije poort, nooit de server van de machine), de release-binary, vier schrijvers
# en twee lezers (bench/storing.py) gedurende 30 s; na 8 s stopt PostgreSQL
# (`pg_ctl stop -m fast`), na 8 s start het weer. Daarna per verzoek: de tijd tot de
# eerste 503, hoe lang een verzoek tijdens de storing duurde, de tijd tot het eerste
# 2xx na de herstart, en per schrijfactie of ze in de database staat: elke bevestigde
# (2xx) moet er zijn, een geweigerde (5xx) mag er niet half zijn (een initiatief is één
# rij in één transactie: wel of niet). Op verzoek, nooit in de testopdracht.
#
#   bench/storing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin_pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
poort="${STORING_PG_PORT:-55499}"
api="${STORING_API_PORT:-18585}"
map=$(mktemp -d)
chown postgres "$map" 2>/dev/null || true
als_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  als_pg "$bin_pg/pg_ctl" -D "$map/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$map"
}
trap cleanup EXIT

cargo build --release --quiet --bin weefsel
als_pg "$bin_pg/initdb" -D "$map/data" -U postgres -A trust >/dev/null
als_pg "$bin_pg/pg_ctl" -D "$map/data" -o "-p $poort -k $map" -l "$map/pg.log" -w start >/dev/null
url="postgres://postgres@127.0.0.1:$poort/postgres?sslmode=disable"
DATABASE_URL="$url" ./target/release/weefsel migrate >/dev/null
DATABASE_URL="$url" ./target/release/weefsel seed --demo >/dev/null
DATABASE_URL="$url" WEEFSEL_LISTEN="127.0.0.1:$api" WEEFSEL_LOG=warn WEEFSEL_RETENTIE_INTERVAL=0 \
  WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 \
  ./target/release/weefsel serve >"$map/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$api/health/ready" >/dev/null && break; sleep 0.1; done
token=$(curl -sf "http://127.0.0.1:$api/api/v1/auth/token" -d grant_type=password \
  -d username=oss.coordinator -d password=weefsel-demo-2026 | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

python3 bench/storing.py "http://127.0.0.1:$api" "$token" 30 4 2 >"$map/verkeer.jsonl" &
verkeer=$!
sleep 8
stop=$(date +%s.%N)
als_pg "$bin_pg/pg_ctl" -D "$map/data" -m fast stop >/dev/null
live=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api/health/live")
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api/health/ready")
sleep 8
start=$(date +%s.%N)
als_pg "$bin_pg/pg_ctl" -D "$map/data" -o "-p $poort -k $map" -l "$map/pg.log" -w start >/dev/null
gestart=$(date +%s.%N)
wait "$verkeer"
psql -At "$url" -c "SELECT titel FROM initiatief WHERE organisatie = 'Storingstest'" >"$map/bewaard.txt"

python3 - "$map/verkeer.jsonl" "$map/bewaard.txt" "$stop" "$start" "$gestart" "$live" "$ready" <<'PY'
import json, sys
regels = [json.loads(r) for r in open(sys.argv[1])]
bewaard = set(r.strip() for r in open(sys.argv[2]) if r.strip())
stop, start, gestart = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
tijdens = [r for r in regels if stop <= r["t"] < start]
na = [r for r in regels if r["t"] >= gestart]
eerste_503 = min((r["t"] + r["duur"] for r in regels if r["status"] == 503 and r["t"] + r["duur"] >= stop), default=None)
eerste_2xx = min((r["t"] + r["duur"] for r in na if 200 <= r["status"] < 300), default=None)
schrijf = [r for r in regels if r["soort"] == "schrijf"]
bevestigd = [r for r in schrijf if 200 <= r["status"] < 300]
kwijt = [r for r in bevestigd if r["titel"] not in bewaard]
geweigerd = [r for r in schrijf if r["status"] >= 500 or r["status"] == 0]
toch = [r for r in geweigerd if r["titel"] in bewaard]
statussen = {}
for r in tijdens:
    statussen[r["status"]] = statussen.get(r["status"], 0) + 1
duren = sorted(r["duur"] for r in tijdens)
print(f"verzoeken: {len(regels)} ({len(schrijf)} schrijvend), tijdens de storing {len(tijdens)}: {dict(sorted(statussen.items()))}")
print(f"health tijdens de storing: live {sys.argv[6]}, ready {sys.argv[7]}")
if eerste_503:
    print(f"eerste 503 na de stop: {eerste_503 - stop:.2f} s")
if duren:
    print(f"duur van een verzoek tijdens de storing: mediaan {duren[len(duren)//2]:.3f} s, langste {duren[-1]:.3f} s")
if eerste_2xx:
    print(f"eerste 2xx na de herstart: {eerste_2xx - gestart:.2f} s na 'pg_ctl start' (dat zelf {gestart - start:.2f} s duurde)")
print(f"bevestigde schrijfacties: {len(bevestigd)}, daarvan niet in de database: {len(kwijt)}")
print(f"geweigerde schrijfacties (5xx of geen antwoord): {len(geweigerd)}, daarvan toch in de database: {len(toch)}")
sys.exit(1 if kwijt else 0)
PY
