#!/usr/bin/env bash
# Bouwt het image met podman en draait het zoals mensen het draaien: de commando's van
# docker-compose.yml met de hand (de machine heeft geen registry voor postgres:16; de
# database is de lokale PostgreSQL), daarna de productie-opzet (migreren als eigenaar,
# serveren als lid van weefsel_app, de sleutel uit een bestand, JSON-logs), en een
# back-up met terugzetten. Stopt bij de eerste afwijking. Zie README, "Uitrollen".
#
#   deploy/podman-proef.sh            (als root; PostgreSQL op 127.0.0.1:5432, trust)
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/deploy/containers.conf"
image=localhost/weefsel:proef
pg=postgres://postgres@127.0.0.1:5432
db=weefsel_proef
prod=weefsel_proef_prod
terug=weefsel_proef_terug
werk=""
opruimen() {
  podman rm -f --ignore weefsel-proef-dev >/dev/null 2>&1 || true
  podman rm -f --ignore weefsel-proef-prod >/dev/null 2>&1 || true
  psql "$pg/postgres" -qc "DROP ROLE IF EXISTS weefsel_dienst" >/dev/null 2>&1 || true
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $prod WITH (FORCE)" -c "DROP DATABASE IF EXISTS $terug WITH (FORCE)" >/dev/null 2>&1 || true
  [ -z "$werk" ] || rm -rf "$werk"
}
opruimen
trap opruimen EXIT
werk="$(mktemp -d)"
chmod 755 "$werk"
stap() { printf '\n== %s\n' "$*"; }
fout() { echo "FOUT: $*" >&2; exit 1; }

stap "basisimages en podman build"
deploy/podman-basisimages.sh
podman build --format docker --network host -t "$image" . >"$werk/build.log" 2>&1 || { tail -30 "$werk/build.log"; fout "podman build"; }
podman image inspect "$image" --format 'grootte {{.Size}} bytes'

stap "het image: gebruiker, health check, geen bouwtools"
gebruiker=$(podman image inspect "$image" --format '{{.Config.User}}')
[ "$gebruiker" = "10001:10001" ] || fout "gebruiker is '$gebruiker'"
podman image inspect "$image" --format '{{.Config.Healthcheck.Test}}' | grep -q healthcheck || fout "geen HEALTHCHECK"
id_in=$(podman run --rm --entrypoint /usr/bin/id "$image" -u)
[ "$id_in" = "10001" ] || fout "draait als uid $id_in"
tools=$(podman run --rm --entrypoint /bin/sh "$image" -c 'for t in cc gcc ld as make cargo rustc git curl apt-get; do command -v $t; done; true')
[ "$tools" = "/usr/bin/apt-get" ] || fout "bouwtools in het image: $tools"
echo "gebruiker 10001, HEALTHCHECK weefsel healthcheck, geen compiler/linker/cargo/git/curl (alleen apt-get van Debian zelf)"

stap "productie weigert zonder database en sleutel"
if podman run --rm "$image" serve >"$werk/weiger.log" 2>&1; then fout "serve startte zonder DATABASE_URL"; fi
grep -q "DATABASE_URL" "$werk/weiger.log" || fout "geen uitleg: $(cat "$werk/weiger.log")"
cat "$werk/weiger.log"

stap "docker-compose.yml met de hand: de dienst 'api' (dev) tegen de database 'db'"
psql "$pg/postgres" -qc "DROP ROLE IF EXISTS weefsel_dienst" -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weefsel') THEN CREATE ROLE weefsel LOGIN PASSWORD 'weefsel-dev' CREATEROLE; END IF; END\$\$" >/dev/null
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER weefsel" >/dev/null
# De werkmap van het image als volume, zoals in docker-compose.yml: daar komt de
# ontwikkelsleutel van de audit trail (.weefsel/audit-sleutels).
mkdir -p "$werk/dev" && chmod 777 "$werk/dev"
podman run -d --name weefsel-proef-dev --network host -v "$werk/dev:/var/lib/weefsel" \
  -e DATABASE_URL="postgres://weefsel:weefsel-dev@127.0.0.1:5432/$db" \
  -e WEEFSEL_ENV=development -e WEEFSEL_LISTEN=127.0.0.1:18080 "$image" dev >/dev/null
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18080/health/ready >/dev/null && break; sleep 1; done
podman healthcheck run weefsel-proef-dev && echo "health check: healthy" || fout "health check"
token=$(curl -sf -X POST http://127.0.0.1:18080/api/v1/auth/token \
  -d grant_type=password -d username=oss.coordinator -d password=weefsel-demo-2026 | jq -r .access_token)
aantal=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:18080/api/v1/gemeenten" | jq '.resultaten | length')
[ "$aantal" = "11" ] || fout "gemeenten: $aantal"
echo "dev: gemigreerd, demogegevens, 11 gemeenten via de API"
podman stop -t 30 weefsel-proef-dev >/dev/null
status=$(podman inspect weefsel-proef-dev --format '{{.State.ExitCode}}')
[ "$status" = "0" ] || fout "exitcode na podman stop: $status"
echo "podman stop (SIGTERM): netjes gestopt, exitcode 0"
podman rm weefsel-proef-dev >/dev/null

stap "productie: migreren als eigenaar, serveren als lid van weefsel_app, sleutel uit een bestand"
openssl genpkey -algorithm ed25519 -out "$werk/signing.pem" 2>/dev/null
chmod 644 "$werk/signing.pem"
podman run --rm "$image" audit sleutel >"$werk/audit-sleutels"
chmod 644 "$werk/audit-sleutels"
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $prod WITH (FORCE)" -c "CREATE DATABASE $prod OWNER weefsel" >/dev/null
eigenaar="postgres://weefsel:eigenaar-geheim-1@127.0.0.1:5432/$prod"
psql "$pg/postgres" -qc "ALTER ROLE weefsel PASSWORD 'eigenaar-geheim-1'" >/dev/null
als_eigenaar() {
  podman run --rm --network host -e DATABASE_URL="$eigenaar" -v "$werk/signing.pem:/run/secrets/weefsel-signing.pem:ro" \
    -v "$werk/audit-sleutels:/run/secrets/weefsel-audit:ro" -e WEEFSEL_AUDIT_KEY_FILE=/run/secrets/weefsel-audit \
    -e WEEFSEL_SIGNING_KEY_FILE=/run/secrets/weefsel-signing.pem "$image" "$@"
}
als_eigenaar migrate
als_eigenaar beheerder vrbn.beheer >"$werk/beheerder.txt"
tijdelijk=$(tail -1 "$werk/beheerder.txt")
head -1 "$werk/beheerder.txt"
psql "$pg/postgres" -qc "CREATE ROLE weefsel_dienst LOGIN PASSWORD 'dienst-geheim-1' IN ROLE weefsel_app" >/dev/null
psql "$pg/postgres" -qc "ALTER ROLE weefsel_auth PASSWORD 'inlog-geheim-1'" >/dev/null
podman run -d --name weefsel-proef-prod --network host \
  -e DATABASE_URL="postgres://weefsel_dienst:dienst-geheim-1@127.0.0.1:5432/$prod" \
  -e WEEFSEL_AUTH_DATABASE_URL="postgres://weefsel_auth:inlog-geheim-1@127.0.0.1:5432/$prod" \
  -e WEEFSEL_AUDIT_KEY_FILE=/run/secrets/weefsel-audit -v "$werk/audit-sleutels:/run/secrets/weefsel-audit:ro" \
  -e WEEFSEL_LISTEN=127.0.0.1:18081 \
  -e WEEFSEL_SIGNING_KEY_FILE=/run/secrets/weefsel-signing.pem \
  -v "$werk/signing.pem:/run/secrets/weefsel-signing.pem:ro" "$image" >/dev/null
for _ in $(seq 1 30); do curl -sf http://127.0.0.1:18081/health/ready >/dev/null && break; sleep 1; done
podman healthcheck run weefsel-proef-prod && echo "health check: healthy" || fout "health check (productie)"
# De eerste beheerder kiest een eigen wachtwoord en ziet de elf gemeenten, via de
# dienst als weefsel_dienst onder row-level security.
code=$(curl -s -X POST http://127.0.0.1:18081/api/v1/auth/token -d grant_type=password \
  -d username=vrbn.beheer --data-urlencode "password=$tijdelijk" | jq -r .code)
[ "$code" = "wachtwoord_tijdelijk" ] || fout "tijdelijk wachtwoord: $code"
curl -sf -X POST http://127.0.0.1:18081/api/v1/auth/wachtwoord -H 'Content-Type: application/json' \
  -d "$(jq -n --arg w "$tijdelijk" '{gebruikersnaam: "vrbn.beheer", wachtwoord: $w, nieuwWachtwoord: "een-eigen-lang-wachtwoord-2026"}')" \
  || fout "eigen wachtwoord kiezen"
token=$(curl -sf -X POST http://127.0.0.1:18081/api/v1/auth/token -d grant_type=password \
  -d username=vrbn.beheer -d password=een-eigen-lang-wachtwoord-2026 | jq -r .access_token)
aantal=$(curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18081/api/v1/gemeenten | jq '.resultaten | length')
[ "$aantal" = "11" ] || fout "gemeenten in productie: $aantal"
echo "eerste beheerder: tijdelijk wachtwoord vervangen, 11 gemeenten"
podman logs weefsel-proef-prod 2>&1 | tail -1 | jq -e '.level' >/dev/null || fout "logs zijn geen JSON"
echo "logregel: $(podman logs weefsel-proef-prod 2>&1 | tail -1 | cut -c1-160)"
bezit=$(psql "$pg/$prod" -Atc "SELECT count(*) FROM pg_class WHERE relowner = 'weefsel_dienst'::regrole")
[ "$bezit" = "0" ] || fout "de dienst bezit tabellen"
podman stop -t 30 weefsel-proef-prod >/dev/null
echo "productie: gemigreerd als eigenaar, dienst als weefsel_dienst (lid van weefsel_app, bezit niets), sleutel uit een bestand, JSON-logs"

stap "back-up en terugzetten (de database van de dev-stap, met de demogegevens)"
pg_dump -Fc --no-unlogged-table-data -f "$werk/weefsel.dump" "$pg/$db"
ls -l "$werk/weefsel.dump" | awk '{print "dump: " $5 " bytes"}'
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $terug WITH (FORCE)" -c "CREATE DATABASE $terug OWNER weefsel" >/dev/null
pg_restore --no-owner --role=weefsel --exit-on-error -d "$pg/$terug" "$werk/weefsel.dump"
podman run --rm --network host -e DATABASE_URL="postgres://weefsel:eigenaar-geheim-1@127.0.0.1:5432/$terug" \
  -e WEEFSEL_SIGNING_KEY_FILE=/run/secrets/weefsel-signing.pem -v "$werk/signing.pem:/run/secrets/weefsel-signing.pem:ro" \
  -e WEEFSEL_AUDIT_KEY_FILE=/run/secrets/weefsel-audit -v "$werk/dev/.weefsel/audit-sleutels:/run/secrets/weefsel-audit:ro" \
  "$image" audit verify | tee "$werk/verify.txt"
grep -q "in orde: [1-9]" "$werk/verify.txt" || fout "geen auditregels teruggezet"
voor=$(psql "$pg/$db" -Atc "SELECT count(*) FROM audit_trail")
na=$(psql "$pg/$terug" -Atc "SELECT count(*) FROM audit_trail")
[ "$voor" = "$na" ] || fout "audit trail: $voor ≠ $na"
echo "pg_dump -Fc → pg_restore: $na auditregels, keten in orde"
psql "$pg/postgres" -qc "ALTER ROLE weefsel PASSWORD 'weefsel-dev'" >/dev/null
printf '\nALLES IN ORDE\n'
