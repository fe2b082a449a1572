#!/usr/bin/env bash
# The pipeline's Build stage (after `npm ci`): the README's checks, then `cdk synth` with every
# compliance pack. The compliance report is written even when synth fails on a finding, so the
# CodeBuild report group shows why. Exits with the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

npm run lint
npm run typecheck
CI=true npm test # CI makes vitest write test-results/junit.xml

status=0
npm run synth || status=$?
npm run --if-present compliance || [ "$status" -ne 0 ] || status=$?
exit "$status"
