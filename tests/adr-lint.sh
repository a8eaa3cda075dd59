#!/usr/bin/env bash
# Het OpenAPI-document tegen de NL API Design Rules (de Spectral-ruleset in
# tests/adr/ruleset.yaml): geen fouten en geen waarschuwingen. Installeert
# @stoplight/spectral-cli uit npm als het er niet is.
set -euo pipefail
cd "$(dirname "$0")/.."
# Een vaste versie, zoals bij schemathesis: CI oordeelt morgen zoals vandaag.
versie="6.16.3"
if [ "$(spectral --version 2>/dev/null)" != "$versie" ]; then
  npm install --silent --global "@stoplight/spectral-cli@$versie" >/dev/null
fi
spectral lint --ruleset tests/adr/ruleset.yaml --fail-severity warn openapi/openapi.json
