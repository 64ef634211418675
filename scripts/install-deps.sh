#!/usr/bin/env bash
# Installs the Debian packages the tests use, only those missing. Needs root (or sudo) on Debian.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven          # build
  ffmpeg                                 # transcoding, test publishers, ffprobe
  gstreamer1.0-tools                     # gst-launch-1.0 (test publisher)
  gstreamer1.0-plugins-base              # videotestsrc, audiotestsrc, audioconvert
  gstreamer1.0-plugins-good              # flvmux
  gstreamer1.0-plugins-bad               # rtmp2sink, rtmpsink (librtmp), h264parse
  gstreamer1.0-plugins-ugly              # x264enc
  gstreamer1.0-libav                     # avenc_aac
  chromium                               # viewer tests (driven by Playwright, no browser download)
  nginx libnginx-mod-rtmp                # --hls-input fed by a real nginx-rtmp packager (HlsInputFromNginxRtmpTest)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js runs the npm tracker client and the viewer build; any node >= 18 on PATH will do (it need not
# come from Debian), so only install Debian's when there is none.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything needed is present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
