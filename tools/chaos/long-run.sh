#!/usr/bin/env bash
# The long reliability run (issue #12): >= 10,000 hostile files, 100 camera photos of 24-48 MP,
# 10 embed-worker SIGKILLs and each server stopped and frozen during the import, then the audit.
# It starts its own stack (imagesearch up, private IMAGESEARCH_VAR, ports 8080-8082, 9000, 9092,
# 9200) and stops it at the end. Report: cli/target/chaos/long-report.txt. Exit code 0 = no violation.
#
#   tools/chaos/long-run.sh            # the long plan
#   tools/chaos/long-run.sh short      # the short plan the test suite runs
#   tools/chaos/long-run.sh photos     # the long plan's 100 camera photos alone, no faults
set -euo pipefail
cd "$(dirname "$0")/../.."
plan="${1:-long}"
lscpu | grep 'Model name' || true
nproc
date -u
# The run starts the services from their jars, so build them all first; a skipped run is a failure.
rm -f "cli/target/chaos/$plan-report.txt"
./mvnw -B -q package -DskipTests
./mvnw -B -pl cli -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=ChaosRunTest -Dchaos.plan="$plan"
test -s "cli/target/chaos/$plan-report.txt" || { echo "the chaos run was skipped; see above" >&2; exit 1; }
