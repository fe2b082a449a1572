#!/usr/bin/env bash
# The pipeline's Build stage (after `npm ci`): the README's checks, then `cdk synth` with every
# compliance pack into cdk.out (the cloud assembly the pipeline deploys). `npm run compliance` runs
# that synth and writes compliance-report.md / compliance-report.xml even when synth fails on a
# finding, so the CodeBuild report groups show why. Exits with the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

npm run lint
npm run typecheck
CI=true npm test # CI makes vitest write test-results/junit.xml
npm run compliance # cdk synth (every compliance pack) + compliance-report.{md,xml}
