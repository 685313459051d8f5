#!/usr/bin/env bash
# Install Debian's chromium and a CJK font for the browser tests, if missing and possible.
# Never `playwright install`: it downloads its own browser, which cannot work offline.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "browser-deps: cannot install ${need[*]} (not root or no apt-get); browser tests will skip" >&2
  exit 1
fi
echo "browser-deps: installing with apt-get (Debian packages, for the browser tests): ${need[*]}" >&2
echo "browser-deps: (runs 'apt-get update' and 'apt-get install -y ${need[*]}'; set SKIP_APT=1 to skip)" >&2
if [ "${SKIP_APT:-0}" = "1" ]; then
  echo "browser-deps: SKIP_APT=1, not installing; browser tests will skip (fail under CI=true)" >&2
  exit 1
fi
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
