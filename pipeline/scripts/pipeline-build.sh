#!/usr/bin/env bash
# The pipeline's Build stage (after `npm ci`): the README's checks, then `cdk synth` with every
# compliance pack into cdk.out (the cloud assembly the pipeline deploys), checked against AWS's own
# specifications by `npm run aws:validate`. `npm run compliance` runs
# that synth and writes compliance-report.md / compliance-report.xml even when synth fails on a
# finding, so the CodeBuild report groups show why. `npm run cost` then writes cost-report.md into cdk.out
# (the build's primary output artifact), and the supply-chain checks write their JUnit results into
# supply-chain-results/. The migrations check lints the migrations new since the commit Production serves
# and runs that commit's own API and acceptance journey on this commit's schema, on the embedded PostgreSQL
# (the pipeline sets PRODUCTION_HEALTH_URL_PARAMETER; without it, as here locally, it compares with the newest
# release tag). Exits with the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

npm run lint
npm run typecheck
CI=true npm test # CI makes vitest write test-results/junit.xml
npm run migrations:check -- --database pglite ${PRODUCTION_HEALTH_URL_PARAMETER:+--base production}
npm run compliance # cdk synth (every compliance pack) + compliance-report.{md,xml}
npm run aws:validate # the written assembly against AWS's specifications and the expected access paths
npm run cost -- --out cdk.out/cost-report.md # priced from cdk.out; published with the build's output
npm run supply-chain -- --require-audit # SBOM, dependency audit (must reach the advisory database), secret scan
cp sbom.cdx.json cdk.out/ # the SBOM travels with the cloud assembly it describes (the build's output artifact)
