# Sourced by saraf's scripts: points JAVA_HOME at a JDK 25 (or newer) or exits with a clear message.
saraf_find_jdk() {
  local c
  for c in "${SARAF_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 \
           /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/jdk-25* /usr/lib/jvm/temurin-2[5-9]* /opt/java/openjdk; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    local v
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(saraf_find_jdk); then
  echo "saraf needs JDK 25 or newer (the Vector API and FFM as of 25). None was found in JAVA_HOME or /usr/lib/jvm." >&2
  echo "Install Temurin 25 (https://adoptium.net) and set JAVA_HOME to it, or set SARAF_JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
