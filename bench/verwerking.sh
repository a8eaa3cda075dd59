#!/usr/bin/env bash
# Hoe hard groeit het verwerkingenlogboek (issue 30, T2 punt 5)? Een coördinator vraagt
# telkens een pagina van 20 sleutelpersonen op; het script meet de groei van de tabel
# `verwerking` (met indexen en TOAST) per pagina en in een minuut van dat tempo. De
# limiet op persoonsgegevens staat hier hoog (WEEFSEL_LIMIET_PERSOONSGEGEVENS): zonder
# die limiet meet je het logboek, niet de 429's. De uitkomst staat in docs/metingen.md.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bench/verwerking.sh
#   BENCH_PAGINAS=2000 WEEFSEL_BIN=target/debug/weefsel bench/verwerking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
base="${admin%/*}"
port="${BENCH_PORT:-18194}"
paginas="${BENCH_PAGINAS:-1000}"
db="weefsel_bench_verwerking"
db_url="$base/$db"

bin="${WEEFSEL_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin weefsel
  bin=./target/release/weefsel
fi
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}
trap cleanup EXIT

psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="$db_url" $bin migrate >/dev/null
DATABASE_URL="$db_url" $bin seed --synthetic --schaal 1 >/dev/null
q() { psql -At "$db_url" -c "$1"; }

DATABASE_URL="$db_url" WEEFSEL_LISTEN="127.0.0.1:$port" WEEFSEL_LOG=warn WEEFSEL_WORKERS=2 \
  WEEFSEL_RETENTIE_INTERVAL=0 WEEFSEL_LIMIET_SCHRIJVEN=1000000 WEEFSEL_LIMIET_TOKEN=1000000 \
  WEEFSEL_LIMIET_PERSOONSGEGEVENS=1000000 $bin serve &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
token=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/token" -d grant_type=password \
  -d username=oss.coordinator -d password=weefsel-demo-2026 | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

grootte() { q "SELECT pg_total_relation_size('verwerking')"; }
q "VACUUM ANALYZE verwerking" >/dev/null
voor_bytes=$(grootte)
voor_regels=$(q "SELECT count(*) FROM verwerking")
start=$(date +%s.%N)
for i in $(seq 1 "$paginas"); do
  p=$(( (i % 5) + 1 ))
  curl -sf -o /dev/null -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/sleutelpersonen?paginaGrootte=20&pagina=$p"
done
eind=$(date +%s.%N)
q "VACUUM ANALYZE verwerking" >/dev/null
na_bytes=$(grootte)
na_regels=$(q "SELECT count(*) FROM verwerking")
personen=$(q "SELECT coalesce(sum(cardinality(sleutelpersoon_ids)), 0) FROM verwerking")
python3 - "$paginas" "$voor_bytes" "$na_bytes" "$voor_regels" "$na_regels" "$start" "$eind" "$personen" <<'PY'
import sys
paginas, vb, nb, vr, nr = (int(x) for x in sys.argv[1:6])
start, eind, personen = float(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
duur = eind - start
per_pagina = (nb - vb) / paginas
tempo = paginas / duur * 60
print(f"{paginas} pagina's van 20 in {duur:.1f} s ({tempo:.0f} per minuut, één curl na de ander)")
print(f"regels: {nr - vr} nieuw ({(nr - vr) / paginas:.2f} per pagina), {personen} personen genoemd in totaal")
print(f"groei: {nb - vb} bytes, {per_pagina:.0f} bytes per pagina")
print(f"in een minuut van dit tempo: {per_pagina * tempo / 1e6:.2f} MB; "
      f"met de limiet van 120 per minuut: {per_pagina * 120 / 1e3:.1f} kB per minuut, "
      f"{per_pagina * 120 * 60 * 24 / 1e6:.0f} MB per dag per account")
PY
