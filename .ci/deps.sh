#!/usr/bin/env bash
# Debian packages a run needs: `.ci/deps.sh chromium gettext redis-server varnish postgresql python3-venv`.
# Installs the missing ones when it can (root with apt-get), otherwise names the one command to run.
set -euo pipefail

present() {
    case "$1" in
        chromium) command -v chromium || [ -x /usr/bin/chromium ] ;;
        gettext) command -v msgfmt ;;
        redis-server) command -v redis-server ;;
        varnish) command -v varnishd || [ -x /usr/sbin/varnishd ] ;;
        postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" ;;
        python3-venv) "${PYTHON:-python3}" -c "import ensurepip" ;;
        *) echo "deps.sh: unbekanntes Paket $1" >&2; exit 2 ;;
    esac >/dev/null 2>&1
}

missing=()
for package in "$@"; do
    present "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installiere fehlende Debian-Pakete: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
fi
echo "Es fehlen Debian-Pakete (${missing[*]}). Einmal ausführen, dann erneut versuchen:" >&2
echo "  sudo apt-get install -y ${missing[*]}" >&2
exit 1
