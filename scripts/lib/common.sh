# Shared by the scripts in scripts/: paths, logging, and "install what is missing".
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export REPO_ROOT

say() { printf '\033[1m[sessionscope]\033[0m %s\n' "$*" >&2; }
die() { printf '[sessionscope] error: %s\n' "$*" >&2; exit 1; }

# Debian packages the project needs to build, test and run.
SESSIONSCOPE_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libfmt-dev libsqlite3-dev
    clang llvm libclang-rt-dev
    postgresql python3 python3-sqlalchemy python3-psycopg2
    xvfb xauth
)

# Installs the packages that are not installed yet (as root, or through sudo).
ensure_packages() {
    local missing=()
    for package in "${SESSIONSCOPE_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configures and builds a CMake preset (default: "default"), or only the targets given after it.
build_preset() {
    local preset=${1:-default}
    shift || true
    local targets=()
    [ $# -eq 0 ] || targets=(--target "$@")
    say "building ($preset${1:+: $*})"
    cmake --preset "$preset" -S "$REPO_ROOT" >/dev/null
    cmake --build --preset "$preset" "${targets[@]}"
}
