# A throw-away PostgreSQL server for the test suite: its own cluster in a temporary directory,
# run as the postgres user on a free loopback port, stopped when the calling script exits.
# shellcheck shell=bash

postgres_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    printf '%s\n' "$dir"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the server and exports SESSIONSCOPE_TEST_PG_URL for a fresh database.
start_test_postgres() {
    local bindir port base
    bindir=$(postgres_bindir)
    port=$(free_port)
    base=$(mktemp -d /tmp/sessionscope-pg.XXXXXX)
    chmod 755 "$base"
    chown postgres:postgres "$base" 2>/dev/null || die "cannot give $base to the postgres user (run as root)"
    PG_BASE=$base
    PG_BINDIR=$bindir
    trap stop_test_postgres EXIT
    say "starting PostgreSQL on 127.0.0.1:$port"
    runuser -u postgres -- "$bindir/initdb" -D "$base/data" -A trust -U postgres >/dev/null \
        || die "initdb failed"
    runuser -u postgres -- "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w \
        -o "-p $port -k $base -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { cat "$base/server.log" >&2; die "PostgreSQL did not start"; }
    runuser -u postgres -- "$bindir/createdb" -h 127.0.0.1 -p "$port" sessionscope_test \
        || die "cannot create the test database"
    export SESSIONSCOPE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/sessionscope_test"
    export SESSIONSCOPE_REQUIRE_PG=1
}

stop_test_postgres() {
    [ -n "${PG_BASE:-}" ] || return 0
    runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$PG_BASE/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_BASE"
    PG_BASE=
}
