#!/usr/bin/env bash
# The integration suite against the Galera cluster of `npm run cluster:up` (README "Running at scale"):
# DATABASE_URL names node 1; each test file makes its own database next to that name, and the
# cluster replicates it to the other nodes (tests/integration/galera-rules.test.ts writes through two).
#   npm run cluster:test            (the cluster must be up: npm run cluster:up)
#   CLUSTER_TEST_ARGS="tests/integration/x.test.ts" npm run cluster:test
# Tests get 300 s each (CLUSTER_TEST_TIMEOUT_MS): every test file migrates a fresh database, and on Galera
# each DDL statement is replicated to all nodes before the next (total order isolation).
# Prints the Jest summary; the whole log goes to $CLUSTER_DIR/logs/test-suite.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${CLUSTER_DIR:-data/cluster}"
url="${CLUSTER_TEST_URL:-mysql://root@127.0.0.1:3411/academy_cluster}"
mkdir -p "$dir/logs"
log="$dir/logs/test-suite.log"

size=$(mariadb --protocol=tcp -h127.0.0.1 -P3411 -uroot -N -e "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | awk '{print $2}') || true
if [ "${size:-0}" -lt 3 ]; then
  echo "✖ The Galera cluster is not up on 127.0.0.1:3411 (wsrep_cluster_size=${size:-none}); run npm run cluster:up first" >&2
  exit 1
fi
echo "Integration suite against Galera (cluster size $size), DATABASE_URL=$url"
start=$(date +%s)
set +e
# shellcheck disable=SC2086
DATABASE_URL="$url" nice -n 10 npx jest ${CLUSTER_TEST_ARGS:-tests/integration} --maxWorkers="${CLUSTER_TEST_WORKERS:-2}" --testTimeout="${CLUSTER_TEST_TIMEOUT_MS:-300000}" >"$log" 2>&1
status=$?
set -e
grep -E "^(FAIL|Tests:|Test Suites:|Snapshots:|Time:)" "$log" || true
grep -E "^\s+● " "$log" | sort -u | head -40 || true
echo "Took $(( $(date +%s) - start )) s; full log: $log (exit $status)"
exit $status
