#!/usr/bin/env bash
# Runs JMH benchmarks from src/test/java/io/strata/bench: bench/jmh.sh PipelineBench -wi 2 -i 3 -f 1
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(bash .ci/find-jdk.sh)"; export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -DskipTests test-compile
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
