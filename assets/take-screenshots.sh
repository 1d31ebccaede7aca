#!/usr/bin/env bash
# Takes the README's screenshots of the real window under Xvfb (eframe's screenshot
# hook saves the second frame): the sample project in the light and the dark theme.
# Needs Xvfb (`apt-get install xvfb`). Usage: assets/take-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --features screenshot
bin="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/dossier"
Xvfb :98 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 2
shoot() { # theme(light|dark) output project...
    local dark=false
    [ "$1" = dark ] && dark=true
    local out=$2
    shift 2
    local home
    home=$(mktemp -d)
    mkdir -p "$home/config"
    printf '(dark: %s, author: Some("Analyst"))\n' "$dark" >"$home/config/settings.ron"
    DISPLAY=:98 DOSSIER_HOME="$home" EFRAME_SCREENSHOT_TO="$out" \
        timeout 60 "$bin" "$@"
    python3 .ci/check_png.py "$out"
}
shoot light assets/screenshot.png projects/paris-conference.ron
shoot dark assets/screenshot-dark.png projects/paris-conference.ron
