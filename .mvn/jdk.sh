# Sourced by ./mvnw and ./imagesearch: picks a JDK >= 21 and exports JAVA_HOME.
# JAVA_HOME wins when it is new enough; otherwise the Temurin 25 install these machines have.
imagesearch_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
imagesearch_pick_jdk() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(imagesearch_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "imagesearch needs a JDK 21 or newer (25 recommended)." >&2
  echo "  JAVA_HOME=${JAVA_HOME:-<unset>} is missing or older, and /usr/lib/jvm/temurin-25-jdk-amd64 was not found." >&2
  echo "  Install one (for example Temurin 25) and point JAVA_HOME at it." >&2
  return 1
}
imagesearch_pick_jdk || exit 1
