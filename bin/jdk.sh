# Sourced by ./mvnw and ./run-local: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if new enough, the `java` on PATH, then every JDK under /usr/lib/jvm.

ledgerflow_java_major() {
  # Prints the feature version (17, 21, 25...) of the given java binary, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

ledgerflow_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local dir
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local home major
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(ledgerflow_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! LEDGERFLOW_JDK=$(ledgerflow_find_jdk); then
  echo "Ledgerflow needs a JDK 21 or newer (found none in \$JAVA_HOME, on PATH or under /usr/lib/jvm)." >&2
  echo "Install one (e.g. a Temurin 21 or 25 package) or set JAVA_HOME to it, then run again." >&2
  exit 1
fi
export JAVA_HOME="$LEDGERFLOW_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
