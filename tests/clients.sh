#!/usr/bin/env bash
# De clients die een integrator uit het document genereert, in TypeScript
# (openapi-typescript) en Python (datamodel-code-generator, pydantic), moeten typen:
# tsc --strict over de typen en een gebruik ervan (tests/clients/gebruik.ts), mypy
# --strict over de modellen. Installeert de generatoren (vaste versies) en schrijft de
# clients onder target/clients/; `--diff REV` toont daarna hoe ze verschillen van de
# clients uit het document van commit REV (voor de CHANGELOG).
set -euo pipefail
cd "$(dirname "$0")/.."
werk="target/clients"
mkdir -p "$werk"

# Vaste versies: CI oordeelt morgen zoals vandaag.
ts_gen="7.13.0"
ts="5.9.3"
py_gen="0.97.0"
mypy="2.4.1"
pydantic="2.14.4"

if [ ! -x "$werk/node_modules/.bin/tsc" ]; then
  npm install --silent --prefix "$werk" "openapi-typescript@$ts_gen" "typescript@$ts" >/dev/null
fi
if [ ! -x "$werk/venv/bin/mypy" ]; then
  python3 -m venv "$werk/venv"
  "$werk/venv/bin/pip" install --quiet "datamodel-code-generator==$py_gen" "mypy==$mypy" \
    "pydantic==$pydantic"
fi

genereer() { # genereer DOCUMENT MAP
  mkdir -p "$2"
  "$werk/node_modules/.bin/openapi-typescript" "$1" -o "$2/weefsel.ts" >/dev/null
  "$werk/venv/bin/datamodel-codegen" --input "$1" --input-file-type openapi \
    --output "$2/weefsel.py" --output-model-type pydantic_v2.BaseModel \
    --target-python-version 3.11 --use-annotated --disable-timestamp 2>/dev/null
}

genereer openapi/openapi.json "$werk/nu"
cp tests/clients/gebruik.ts "$werk/nu/gebruik.ts"
"$werk/node_modules/.bin/tsc" --noEmit --strict --target es2020 --moduleResolution node \
  "$werk/nu/weefsel.ts" "$werk/nu/gebruik.ts"
"$werk/venv/bin/mypy" --strict --no-error-summary --cache-dir "$werk/mypy" "$werk/nu/weefsel.py"
echo "clients: de TypeScript- en Python-client uit het document typen"

if [ "${1:-}" = "--diff" ]; then
  git show "${2:?--diff REV}:openapi/openapi.json" > "$werk/toen.json"
  genereer "$werk/toen.json" "$werk/toen"
  diff -u "$werk/toen/weefsel.ts" "$werk/nu/weefsel.ts" || true
  diff -u "$werk/toen/weefsel.py" "$werk/nu/weefsel.py" || true
fi
