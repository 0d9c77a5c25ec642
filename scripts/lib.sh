# Shared steps of scripts/start.sh and scripts/test.sh.

ensure_node_modules() {
  # Reinstall when package-lock.json changed since the last install.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages (npm ci)..."
    npm ci --no-audit --no-fund
  fi
}

ensure_web_build() {
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts bench/page-graph.ts domain -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
    echo "Building the portal..."
    npm run --silent build:web
  fi
}

as_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if as_root && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* from Debian's packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    return 1
  fi
}
