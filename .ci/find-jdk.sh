#!/usr/bin/env bash
# Prints a JAVA_HOME of JDK 21 or newer: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -u
version_of() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(version_of "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; bestv=0
for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
  [ -x "$d/bin/javac" ] || continue
  v=$(version_of "$d"); [ -n "$v" ] || continue
  if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
done
if [ -z "$best" ]; then echo "no JDK 21+ found (set JAVA_HOME)" >&2; exit 1; fi
echo "$best"
