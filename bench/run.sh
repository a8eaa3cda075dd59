#!/usr/bin/env bash
# Meet de API tegen PostgreSQL zelf (issue 11; CONVENTIONS, "Work per request").
#
# Voor schaal 1 en 10: een verse database met `seed --synthetic`, de release-binary
# op loopback, wrk met 8 en 64 verbindingen op de lijst van gebieden (als coördinator
# van Oss en als regio_netwerkmanager), één gebied, de lijst van trajecten en die van
# sleutelpersonen (met persoonsgegevens en het verwerkingenlogboek) en die van
# aanvragen, het dashboard en één gemeente daarin (als regio_netwerkmanager), het
# tokenendpoint met 8; daarna pgbench (prepared, zelfde gelijktijdigheid, zelfde
# database, als rol weefsel_app onder row-level security, met dezelfde
# verbindingsopties als de dienst) met de SQL die die endpoints uitvoeren
# (bench/sql/*.sql, uit het statementlog van de dienst; LIMIT en OFFSET als parameter).
# Drukt per endpoint verzoeken/s, p50, p99, de verhouding API/pgbench, de groei van
# schaal 1 naar 10 en het RSS van de dienst (rust en piek onder last).
#
#   bench/run.sh                  # 10 s per meting
#   BENCH_SECONDS=5 bench/run.sh
#   BENCH_SCHALEN=10 BENCH_ENDPOINTS="gebieden_coordinator" bench/run.sh   # een deel
#
# Nooit in de testopdracht. Vereist wrk (wordt met apt-get geïnstalleerd als het
# ontbreekt en dat kan), pgbench en psql; DATABASE_URL als superuser-URL.
set -euo pipefail
trap 'echo "bench/run.sh: fout op regel $LINENO (status $?)" >&2' ERR
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
port="${BENCH_PORT:-18181}"
seconds="${BENCH_SECONDS:-10}"
schalen="${BENCH_SCHALEN:-1 10}"
endpoints="${BENCH_ENDPOINTS:-gebieden_coordinator gebieden_regio gebied trajecten sleutelpersonen aanvragen dashboard dashboard_gemeente werklijst crisisbeeld wijzigingen}"
password="weefsel-demo-2026"

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet --bin weefsel --example kale_stack
bin=./target/release/weefsel
kaal_port=$((port + 1))
results="$(mktemp)"
sqlfile="$(mktemp --suffix=.sql)"
pid=""
kaal=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$kaal" ] && kill -TERM "$kaal" 2>/dev/null && wait "$kaal" 2>/dev/null
  for s in 1 10; do psql "$admin" -qc "DROP DATABASE IF EXISTS weefsel_bench_$s WITH (FORCE)"; done
  rm -f "$results" "$results.rss" "$sqlfile" "$sqlfile.cijfers"
}
trap cleanup EXIT

token() {
  curl -sf "http://127.0.0.1:$port/api/v1/auth/token" -d grant_type=password \
    -d username="$1" -d password="$password" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# wrk: "rps p50 p99" (ms).
meet_api() {
  local c=$1 token=$2 path=$3 p=${4:-$port}
  local auth=(-H "Authorization: Bearer $token")
  [ "$token" = - ] && auth=()
  wrk -t2 -c"$c" -d"${seconds}s" --latency "${auth[@]}" \
    "http://127.0.0.1:$p$path" | awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
      /Non-2xx/ { fout = $NF }
      END { if (fout) print "NIET-2XX " fout > "/dev/stderr"; printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

# pgbench: "tps" (zonder de verbindingstijd).
meet_pg() {
  local c=$1 file=$2; shift 2
  PGSSLMODE=disable PGOPTIONS="-c role=weefsel_app -c plan_cache_mode=force_generic_plan -c jit=off" \
    pgbench -n -M prepared -c "$c" -j 2 -T "$seconds" -f "$file" -D limit=20 -D offset=0 -D een=1 \
    "$@" "$db_url" 2>/dev/null | awk '/^tps/ { printf "%.0f\n", $3; exit }'
}

# De SQL van het dashboard uit de bron van de dienst, in een pgbench-bestand (regel
# `@CIJFERS@;`): $1 wordt wat de dienst voor de gemeenten meegeeft.
vul() {
  sed -e '/^--/d' -e "s/\$1::uuid\[\]/$2/g" -e 's/\$2::int/:jaar::int/g' -e 's/\$3::date/:vandaag::date/g' \
    api/src/modules/dashboard/cijfers.sql >"$sqlfile.cijfers"
  awk -v f="$sqlfile.cijfers" '$0 == "@CIJFERS@;" { while ((getline r < f) > 0) print r; print ";"; next } { print }' "$1"
}

rss() { awk '/^'"$2"':/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

for schaal in $schalen; do
  db="weefsel_bench_$schaal"
  db_url="$base/$db"
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  DATABASE_URL="$db_url" $bin migrate >/dev/null
  DATABASE_URL="$db_url" $bin seed --synthetic --schaal "$schaal" | tee -a /dev/stderr >/dev/null
  # Over loopback zonder TLS, voor de dienst én voor pgbench (zie bench/README.md).
  DATABASE_URL="$db_url?sslmode=disable" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn \
    WEEFSEL_RETENTIE_INTERVAL=0 WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 $bin serve &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
  coordinator=$(token oss.coordinator)
  regio=$(token regio.netwerkmanager)
  q() { psql -At "$db_url" -c "$1"; }
  gemeente=$(q "SELECT id FROM gemeente WHERE code = 'GM0828'")
  gebied=$(q "SELECT id FROM gebied WHERE gemeente_id = '$gemeente' ORDER BY naam LIMIT 1")
  uid_c=$(q "SELECT id FROM gebruiker WHERE gebruikersnaam = 'oss.coordinator'")
  uid_r=$(q "SELECT id FROM gebruiker WHERE gebruikersnaam = 'regio.netwerkmanager'")
  gen_c=$(q "SELECT token_generatie FROM gebruiker WHERE id = '$uid_c'")
  gen_r=$(q "SELECT token_generatie FROM gebruiker WHERE id = '$uid_r'")
  # Het jaar en de dag van het dashboard (Europe/Amsterdam), zoals de dienst ze neemt.
  vandaag=$(q "SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date")
  jaar=${vandaag%%-*}
  # De ids van de eerste pagina trajecten, zoals de dienst ze in IN (...) noemt.
  ids=$(q "SELECT string_agg(quote_literal(id), ', ') FROM (SELECT id FROM traject
           WHERE gemeente_id = '$gemeente' ORDER BY created_at DESC, id DESC LIMIT 20) p")
  personen=$(q "SELECT string_agg(quote_literal(id), ', ') FROM (SELECT id FROM sleutelpersoon
           WHERE gemeente_id = '$gemeente' ORDER BY created_at DESC, id DESC LIMIT 20) p")
  # De personen op de eerste pagina van de werklijst (de regel in het logboek).
  werkpersonen=$(q "SELECT coalesce(string_agg(quote_literal(persoon_id), ', '), 'NULL') FROM (SELECT persoon_id
           FROM weefsel_werk('$gemeente', '$vandaag', '$vandaag'::date + 14, '$uid_c', false)
           ORDER BY vervaldatum, soort, id, sub LIMIT 20) p WHERE persoon_id IS NOT NULL")
  # Het crisisbeeld: een kleinste gebied (buurt of kern) van Oss, de netwerken met een
  # afspraak voor stroomuitval die het dekken en hun actieve leden (de regel in het
  # logboek).
  kern=$(q "SELECT id FROM gebied WHERE gemeente_id = '$gemeente' AND bovenliggend_gebied_id IS NOT NULL
           ORDER BY naam LIMIT 1")
  crisisnetwerken=$(q "SELECT coalesce(string_agg(DISTINCT quote_literal(n.id), ', '), 'NULL') FROM netwerk n,
           jsonb_array_elements(n.crisisafspraken) c WHERE n.gemeente_id = '$gemeente' AND n.fase <> 'afgerond'
           AND c->>'scenario' = 'stroomuitval' AND (cardinality(weefsel_afspraak_gebieden(c, n.gebied_ids)) = 0
           OR weefsel_afspraak_gebieden(c, n.gebied_ids) && ARRAY(SELECT weefsel_gebied_verwant('$kern')))")
  crisisleden=$(q "SELECT coalesce(string_agg(DISTINCT quote_literal(sleutelpersoon_id), ', '), 'NULL')
           FROM netwerk_lid WHERE netwerk_id = ANY (ARRAY[$crisisnetwerken]::uuid[])
           AND (eind IS NULL OR eind >= '$vandaag')")
  # De wijzigingenstroom: 1 100 metingen bij een ander gebied dan dat van "gebied"
  # (elk een regel, en het gebied als zijn profiel verandert) geven ruim 1 000 regels
  # in de keten van Oss; de meting leest er 1 000 vanaf het begin.
  if [[ " $endpoints " == *" wijzigingen "* ]]; then
    meetgebied=$(q "SELECT id FROM gebied WHERE gemeente_id = '$gemeente' ORDER BY naam DESC LIMIT 1")
    seq 1 1100 | xargs -P 4 -I{} curl -sf -o /dev/null -H "Authorization: Bearer $coordinator" \
      -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/gebieden/$meetgebied/indicatoren" \
      -d '{"peildatum": "2025-01-01", "bron": "Bench", "leefbaarometer": 5.{}}'
  fi
  # De kale stack (examples/kale_stack.rs): dezelfde SQL voor de lijst van de
  # coördinator op actix-web met sqlx (/gebieden) en met sea-orm (/gebieden-orm),
  # zonder iets van Weefsel; de grens van de stack.
  DATABASE_URL="$db_url?sslmode=disable" KAAL_LISTEN="127.0.0.1:$kaal_port" KAAL_GEBRUIKER="$uid_c" \
    KAAL_GENERATIE="$gen_c" KAAL_GEMEENTE="$gemeente" ./target/release/examples/kale_stack &
  kaal=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$kaal_port/api/v1/gebieden" >/dev/null && break; sleep 0.1; done
  # Het geheugen van de twee argon2-hashes van het inloggen hierboven (19 MiB elk)
  # geeft de allocator terug als de blocking-thread ervan stopt, tien seconden na zijn
  # laatste werk; pas daarna meten we het RSS in rust en onder de last van de lijsten.
  # De piek van het inloggen zelf staat apart (VmHWM).
  sleep 11
  rss_rust=$(rss "$pid" VmRSS)
  # Het RSS onder de last van de lijsten: elke 0,2 s gelezen terwijl wrk loopt, het
  # hoogste telt (VmHWM telt ook wat de dienst bij het opstarten even nodig had en de
  # argon2-hashes van het inloggen).
  echo 0 >"$results.rss"
  ( max=0; while kill -0 "$pid" 2>/dev/null; do
      if pgrep -x wrk >/dev/null; then
        r=$(rss "$pid" VmRSS); [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$results.rss"
      fi
      sleep 0.2; done ) &
  sampler=$!
  for c in 8 64; do
    for ep in $endpoints; do
      case $ep in
        gebieden_coordinator) t=$coordinator; path="/api/v1/gebieden?paginaGrootte=20"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828) ;;
        gebieden_regio) t=$regio; path="/api/v1/gebieden?paginaGrootte=20"
          vars=(-D gebruiker="$uid_r" -D gen="$gen_r" -D code=-) ;;
        gebied) t=$coordinator; path="/api/v1/gebieden/$gebied"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828 -D gebied="$gebied") ;;
        trajecten) t=$coordinator; path="/api/v1/trajecten?paginaGrootte=20"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828) ;;
        sleutelpersonen) t=$coordinator; path="/api/v1/sleutelpersonen?paginaGrootte=20"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828) ;;
        aanvragen) t=$coordinator; path="/api/v1/aanvragen?paginaGrootte=20"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828) ;;
        dashboard) t=$regio; path="/api/v1/dashboard"
          vars=(-D gebruiker="$uid_r" -D gen="$gen_r" -D code=- -D jaar="$jaar" -D vandaag="$vandaag") ;;
        werklijst) t=$coordinator; path="/api/v1/werklijst?paginaGrootte=20"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828 -D vandaag="$vandaag") ;;
        crisisbeeld) t=$coordinator; path="/api/v1/crisisbeeld?scenario=stroomuitval&gebiedId=$kern"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828 -D vandaag="$vandaag" -D gebied="$kern") ;;
        wijzigingen) t=$coordinator; path="/api/v1/wijzigingen?na=0.0&paginaGrootte=1000"
          vars=(-D gebruiker="$uid_c" -D gen="$gen_c" -D gemeente="$gemeente" -D code=GM0828) ;;
        dashboard_gemeente) t=$regio; path="/api/v1/dashboard/gemeenten/GM0828"
          vars=(-D gebruiker="$uid_r" -D gen="$gen_r" -D code=- -D gemeente="$gemeente" -D jaar="$jaar" -D vandaag="$vandaag") ;;
      esac
      api=$(meet_api "$c" "$t" "$path")
      case $ep in
        sleutelpersonen) sed "s/@IDS@/$personen/g" "bench/sql/$ep.sql" >"$sqlfile" ;;
        werklijst) sed "s/@IDS@/$werkpersonen/g" "bench/sql/$ep.sql" >"$sqlfile" ;;
        crisisbeeld) sed -e "s/@IDS@/$crisisleden/g" -e "s/@NETWERKEN@/$crisisnetwerken/g" "bench/sql/$ep.sql" >"$sqlfile" ;;
        dashboard) vul "bench/sql/$ep.sql" "NULL::uuid[]" >"$sqlfile" ;;
        dashboard_gemeente) vul "bench/sql/$ep.sql" "ARRAY[:gemeente::uuid]" >"$sqlfile" ;;
        *) sed "s/@IDS@/$ids/g" "bench/sql/$ep.sql" >"$sqlfile" ;;
      esac
      pg=$(meet_pg "$c" "$sqlfile" "${vars[@]}")
      k=-; ko=-
      if [ "$ep" = gebieden_coordinator ]; then
        k=$(meet_api "$c" - /api/v1/gebieden "$kaal_port" | cut -d' ' -f1)
        ko=$(meet_api "$c" - /api/v1/gebieden-orm "$kaal_port" | cut -d' ' -f1)
      fi
      echo "$schaal $c $ep $api $pg $k $ko" >>"$results"
    done
  done
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  rss_lijsten=$(cat "$results.rss")
  # Inloggen kost bewust een argon2id-hash (19 MiB, 2 iteraties) per poging.
  script=$(mktemp --suffix=.lua)
  printf 'wrk.method = "POST"\nwrk.body = "grant_type=password&username=oss.coordinator&password=%s"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' "$password" >"$script"
  api=$(wrk -t2 -c8 -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port/api/v1/auth/token" |
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
         END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }')
  rm -f "$script"
  echo "$schaal 8 token $api - - -" >>"$results"
  echo "$schaal rss $rss_rust $rss_lijsten $(rss "$pid" VmHWM)" >>"$results"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  kill -TERM "$kaal"; wait "$kaal" 2>/dev/null || true; kaal=""
done

echo
echo "machine: $(nproc) kernen, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%d); ${seconds} s per meting"
echo
echo "| schaal | verb. | endpoint | API verz./s | p50 ms | p99 ms | pgbench tps | API/pgbench |"
echo "|---|---|---|---|---|---|---|---|"
awk '$2 != "rss" { ratio = ($7 == "-" || $7 == 0) ? "-" : sprintf("%.0f %%", 100 * $4 / $7);
      printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, ratio }' "$results"
echo
echo "De kale stack (examples/kale_stack.rs) op dezelfde SQL als de lijst van de coördinator,"
echo "rechtstreeks met sqlx en via sea-orm (de vaste stack van Weefsel):"
echo
echo "| schaal | verb. | kaal sqlx verz./s | kaal sea-orm verz./s | sqlx/pgbench | sea-orm/pgbench | Weefsel/kaal sea-orm |"
echo "|---|---|---|---|---|---|---|"
awk '$3 == "gebieden_coordinator" && $8 != "-" && $9 != "-" && $7 > 0 {
      printf "| %s | %s | %s | %s | %.0f %% | %.0f %% | %.0f %% |\n", $1, $2, $8, $9, 100 * $8 / $7, 100 * $9 / $7, 100 * $4 / $9 }' "$results"
echo
echo "| verb. | endpoint | p50 schaal 1 → 10 |"
echo "|---|---|---|"
awk '$2 != "rss" { k = $2 " " $3; if ($1 == 1) een[k] = $5; else tien[k] = $5 }
     END { for (k in een) if (k in tien) { split(k, d, " "); printf "| %s | %s | %.2f× |\n", d[1], d[2], tien[k] / een[k] } }' "$results" | sort
echo
awk '$2 == "rss" { printf "RSS schaal %s: %s MiB in rust, onder last van de lijsten hoogstens %s MiB, piek (VmHWM) na het inloggen %s MiB\n", $1, $3, $4, $5 }' "$results"
