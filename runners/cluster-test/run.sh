#!/usr/bin/env bash
# The real-cluster test, on its own: builds the Spark and Flink runner jars, assembles a Spark
# 3.5.1 installation and a Flink 1.16.0 distribution from the Maven registry, starts a Spark
# standalone cluster and a Flink session cluster on this machine (every daemon its own JVM), runs
# the sample with the commands of docs/cluster.md, and compares every table with the direct
# runner's. About 10 minutes on 2 cores. CI runs the same test in `mvn -B -Pcluster verify`.
#   runners/cluster-test/run.sh                        both clusters
#   runners/cluster-test/run.sh -Dtest='ClusterTest#spark*'   one of them
# Logs of every daemon and console: runners/cluster-test/target/cluster-test/
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B -Pcluster -pl runners/cluster-test -am verify \
  -Dtest=ClusterTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
