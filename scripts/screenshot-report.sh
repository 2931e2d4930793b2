#!/usr/bin/env bash
# Renders OUTPUT_DIR/report.html once in headless Chromium, saves a screenshot and checks that
# it is not blank (enough distinct colours and enough ink on the page).
#
#   scripts/screenshot-report.sh out docs/report.png [WIDTH,HEIGHT]
#
# Needs Debian's chromium and, so that the Chinese text renders instead of boxes, a CJK font:
#   apt-get update && apt-get install -y chromium fonts-noto-cjk
# When run as root it installs both if they are missing. The page is opened from the disk with
# the network features of the browser switched off: the report must not need any.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 OUTPUT_DIR PNG [WIDTH,HEIGHT]" >&2
  exit 2
fi
out="$1"
png="$2"
size="${3:-1200,2400}"
html="$(cd "$out" && pwd)/report.html"
if [ ! -f "$html" ]; then
  echo "error: $html not found (run ./rollup --input=... --output=$out first)" >&2
  exit 1
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "screenshot: installing ${missing[*]} ..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "error: missing ${missing[*]}: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

mkdir -p "$(dirname "$png")"
png_abs="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png_abs"
timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$profile" --window-size="$size" --screenshot="$png_abs" \
  "file://$html" >"$profile/chromium.log" 2>&1 || {
  echo "error: chromium failed:" >&2
  tail -5 "$profile/chromium.log" >&2
  exit 1
}
if [ ! -s "$png_abs" ]; then
  echo "error: chromium wrote no screenshot" >&2
  tail -5 "$profile/chromium.log" >&2
  exit 1
fi

# Not blank: a rendered report has many colours (text anti-aliasing, badges, charts) and a fair
# share of non-background pixels. Java is there anyway (the project needs it).
cat >"$profile/CheckPng.java" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

public class CheckPng {
  public static void main(String[] args) throws Exception {
    BufferedImage img = ImageIO.read(new File(args[0]));
    int w = img.getWidth();
    int h = img.getHeight();
    Set<Integer> colours = new HashSet<>();
    int bg = img.getRGB(w - 1, h - 1);
    long ink = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = img.getRGB(x, y) & 0xffffff;
        colours.add(c);
        if (c != (bg & 0xffffff)) {
          ink++;
        }
      }
    }
    double share = (double) ink / ((long) w * h);
    System.out.printf("screenshot: %dx%d, %d colours, %.1f%% not background%n", w, h, colours.size(), 100 * share);
    if (colours.size() < 64 || share < 0.05) {
      System.out.println("error: the screenshot looks blank");
      System.exit(1);
    }
  }
}
JAVA
java "$profile/CheckPng.java" "$png_abs"
echo "screenshot: $png"
