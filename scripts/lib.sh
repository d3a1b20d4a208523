# Shared by scripts/setup and scripts/test. Sourced, not run.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${BARGE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

# System packages barged and its tests need. Installed only when one is missing.
PACKAGES=(runc crun conmon catatonit tini iptables iproute2 busybox-static golang-github-containers-common
          maven psmisc procps util-linux file tmux python3-docker docker-compose)

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
  (cd "$REPO" && mvn -q -B package -DskipTests "$@")
}
