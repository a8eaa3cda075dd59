#!/usr/bin/env bash
# Het OpenAPI-document tegen de NL API Design Rules (de Spectral-ruleset in
# tests/adr/ruleset.yaml): geen fouten en geen waarschuwingen. Installeert
# @stoplight/spectral-cli uit npm als het er niet is.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v spectral >/dev/null 2>&1; then
  npm install --silent --global @stoplight/spectral-cli >/dev/null
fi
spectral lint --ruleset tests/adr/ruleset.yaml --fail-severity warn openapi/openapi.json
