#!/usr/bin/env bash
# Takes the README's screenshots of `digits app` on a virtual screen of 1280x800 (Xvfb):
#   docs/app.png            the digit tab with a phone photo of a 4 (samples/4_ericadgjl_1.jpg)
#   docs/app-numbers.png    the number tab with four phone photos of digits by the same writer, side by side
#   docs/app-generator.png  the generator tab, a row of each digit
# Needs xvfb-run and ImageMagick (Debian: apt-get install -y xvfb imagemagick) and the jar
# (mvn -B -q -DskipTests install). Run it from anywhere: bash docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

jar=digit-examples/target/digits.jar
work=target/screenshots
mkdir -p "$work"
[ -f "$jar" ] || { echo "screenshots: build the jar first: mvn -B -q -DskipTests install" >&2; exit 1; }

# A real photographed number: four photos by one writer (black marker, off-white paper), side by side on a
# margin of the same paper colour. Without the margin the reader drops the 5, whose tail touches the edge.
number="$work/number-7549.jpg"
paper='#d9d8d2'
montage digit-onnx/src/test/resources/realdigits/7_ericadgjl_1.jpg \
        digit-dl4j/src/test/resources/realdigits/5_ericadgjl_1.jpg \
        samples/4_ericadgjl_1.jpg \
        digit-dl4j/src/test/resources/realdigits/9_ericadgjl_1.jpg \
        -tile 4x1 -geometry 400x400+0+0 -background "$paper" miff:- \
  | convert - -gravity center -background "$paper" -extent 1640x480 "$number"

# shoot OUT.png ARGS...: starts the app with ARGS on its own virtual screen, waits until its first answer is
# on screen (--ready-file), lets Swing paint, takes the whole screen and closes the app.
shoot() {
  local out=$1
  shift
  local ready="$work/ready"
  rm -f "$ready"
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    jar=$1; ready=$2; out=$3; shift 3
    java -jar "$jar" app --size 1280x800 --ready-file "$ready" "$@" &
    app=$!
    for _ in $(seq 1200); do
      [ -f "$ready" ] && break
      kill -0 "$app" 2>/dev/null || { echo "screenshots: the app ended early" >&2; exit 1; }
      sleep 0.5
    done
    [ -f "$ready" ] || { echo "screenshots: no answer within 10 minutes" >&2; kill "$app"; exit 1; }
    sleep 2
    import -window root "$out"
    kill "$app"
    wait "$app" 2>/dev/null || true
  ' shoot "$jar" "$ready" "$out" "$@"
  echo "wrote $out"
}

shoot docs/app.png --tab digit --image samples/4_ericadgjl_1.jpg
shoot docs/app-numbers.png --tab number --image "$number"
shoot docs/app-generator.png --tab generator --seed 7
