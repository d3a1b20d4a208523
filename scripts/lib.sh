# Shared by scripts/setup and scripts/test. Sourced, not run.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${BARGE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

# System packages barged and its tests need. Installed only when one is missing.
PACKAGES=(runc crun conmon catatonit tini iptables iproute2 busybox-static golang-github-containers-common
          maven psmisc procps util-linux file tmux python3-docker docker-compose
          skopeo docker-registry apache2-utils)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  [[ -x "$JAVA_HOME/bin/java" ]] || { echo "Java 25 (Temurin) not found at $JAVA_HOME; set BARGE_JAVA_HOME" >&2; exit 1; }
}

build() {
  echo "building (mvn package)..."
  local log; log=$(mktemp)
  if ! (cd "$REPO" && mvn -B -Dstyle.color=never package -DskipTests "$@") >"$log" 2>&1; then
    tail -50 "$log"; rm -f "$log"; echo "build failed" >&2; exit 1
  fi
  rm -f "$log"
}

# True when the launchers' jars exist and no source or pom is newer than them.
up_to_date() {
  local stamp=$REPO/daemon/target/lib/barge-daemon-0.1.0-SNAPSHOT.jar
  [[ -f $stamp && -f $REPO/cli/target/barge-cli-0.1.0-SNAPSHOT.jar ]] || return 1
  [[ -z $(find "$REPO" -path "$REPO/.git" -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit) ]]
}
