#!/usr/bin/env bash
# npm test: every test (unit, integration, browser), after installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
bash scripts/ensure-temporal-cli.sh

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || { echo "The browser tests need Debian's chromium at /usr/bin/chromium: run 'apt-get install chromium' as root." >&2; exit 1; }
fi

DB_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_up() { node -e "const c=new (require('pg').Client)(process.argv[1]);c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$DB_URL"; }
if ! pg_up; then
  if [ -z "${TEST_DATABASE_URL:-}" ] && { command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql; }; then
    # A server this script installed or found stopped: trust local TCP for the tests, then start it.
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      grep -q '^host all postgres 127.0.0.1/32 trust' "$hba" || sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
    done
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n 1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || { echo "No PostgreSQL server answers at $DB_URL. Start one (trust auth for user postgres) or set TEST_DATABASE_URL." >&2; exit 1; }
fi

# Format, lint, unused code and the portal's API types first: a failure here fails the build.
echo "Linting (npm run lint)..."
npm run -s lint

ensure_web_build
exec npx vitest run "$@"
