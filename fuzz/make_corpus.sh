#!/usr/bin/env bash
# Regenerates the seed corpora under fuzz/corpus/<harness>/ from data/ and tests/: candidates are
# gathered (scene files, story.yaml files, expressions taken from `if:`/`when:`/`set:` and
# `{...}`, saves and recordings played by make_seeds, media headers), then libFuzzer's -merge
# keeps the smallest set that reaches the same coverage. Needs the `fuzz` preset built.
# Usage: fuzz/make_corpus.sh   (then review and commit fuzz/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/fuzz/fuzz
cand=$(mktemp -d)
trap 'rm -rf "$cand"' EXIT
mkdir -p "$cand"/{loader_scene,manifest,expression,save,recording,media_header,pack}

n=0
add() {  # add HARNESS FILE...: copy each file in under a name of its own
  local h=$1
  shift
  for f in "$@"; do
    n=$((n + 1))
    cp "$f" "$cand/$h/$n"
  done
}

# Scene files: the shipped story's, moved to the fixed story's place (`room`) so that their
# places link, and the broken ones of tests/bad as written.
shopt -s nullglob
for f in data/scenes/*.yaml; do
  n=$((n + 1))
  sed 's/^place: .*/place: room/' "$f" >"$cand/loader_scene/$n"
done
add loader_scene tests/bad/*/scenes/*.yaml
add manifest data/story.yaml tests/stories/*/story.yaml tests/bad/*/story.yaml

# Expressions: the first byte is the harness's mode (0 any type, 1 a condition, 2 an effect,
# 3 a text; +4 with a string pool, +8 inside a scene).
expr() {  # expr MODE TEXT
  n=$((n + 1))
  printf "\\x$(printf %02x "$1")%s" "$2" >"$cand/expression/$n"
}
yamls=(data/story.yaml data/scenes/*.yaml data/places/*.yaml tests/stories/*/*.yaml
       tests/stories/*/scenes/*.yaml)
while IFS= read -r e; do expr 5 "$e"; done < <(
  grep -hoE '(if|when): [^,}#]+' "${yamls[@]}" | sed -E 's/^(if|when): //; s/ *$//' | sort -u)
while IFS= read -r e; do expr 2 "$e"; done < <(
  grep -hoE 'set: \[[^]]+\]' "${yamls[@]}" | sed -E 's/^set: \[//; s/\]$//' | tr ',' '\n' |
    sed -E 's/^ +//; s/ +$//' | sort -u)
while IFS= read -r e; do expr 7 "$e"; done < <(
  grep -hoE "(text: |- )'?[^'{]*\{[a-z][^}]*\}[^'}]*" "${yamls[@]}" | sed -E "s/^(text: |- )'?//" |
    sort -u)
for e in '1 + 2 * 3' '"a" + "b" == "ab"' 'min(1, max(2, 3)) % 2' 'round(-2.5) + abs(-1)' \
  'words(21)' 'visits(kitchen) > 0 or not (chose(drink) >= 1)' 'chose(street.cross)' \
  '-(-courage) / 0' "'single' != mood"; do
  expr 0 "$e"
  expr 12 "$e"
done
expr 3 'You waited {words(waited)} times, {{literally}}.'
expr 2 'courage += 1'
expr 6 'mood = "blue"'

# Saves and recordings, played from each scene of tests/stories/runtime_basics.
"$bin/make_seeds" "$cand/played" >/dev/null
add save "$cand"/played/save/*
add recording "$cand"/played/recording/*
add pack "$cand"/played/pack/*
add save tests/bad/*/*.save
add recording tests/bad/*/*.rec

# Media: the first byte picks the extension (media_header_fuzz.cpp: png jpg jpeg bmp tga wav
# ogg flac PNG WAV ttf woff2); real headers of each kind, sane and absurd, and the test stories' media.
media() {  # media INDEX PYTHON-BYTES-EXPRESSION
  n=$((n + 1))
  python3 -c "import struct,sys
def png(w, h):
    return (b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>II', w, h)
            + b'\x08\x06\x00\x00\x00')
def wav(channels, rate):
    return (b'RIFF' + struct.pack('<I', 36) + b'WAVE' + b'LIST' + struct.pack('<I', 4) + b'INFO'
            + b'fmt ' + struct.pack('<IHHIIHH', 16, 1, channels, rate, 176400, 4, 16)
            + b'data' + struct.pack('<I', 0))
sys.stdout.buffer.write(bytes([$1]) + ($2))" >"$cand/media_header/$n"
}
media 0 'png(640, 480)'
media 0 'png(20000, 20000)'
media 8 'png(0, 1)'
media 1 'b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"'
media 2 'b"\xff\xd8\xff\xdb"'
media 3 'b"BM" + b"\x00" * 16 + struct.pack("<ii", 640, -480) + b"\x01\x00\x18\x00"'
media 4 'b"\x00\x00\x02" + b"\x00" * 9 + struct.pack("<HH", 640, 480) + b"\x20\x00"'
media 5 'wav(2, 44100)'
media 9 'wav(6, 44100)'
media 5 'wav(1, 1000000)'
media 6 'b"OggS\x00\x02" + b"\x00" * 20'
media 7 'b"fLaC\x00\x00\x00\x22"'
media 10 'b"\x00\x01\x00\x00\x00\x0f\x00\x80"'
media 10 'b"OTTO\x00\x0b"'
media 10 'b"ttcf\x00\x01\x00\x00"'
media 11 'b"wOF2\x00\x01\x00\x00"'
for f in tests/bad/*/pictures/* tests/bad/*/sounds/* tests/stories/*/pictures/* \
  tests/stories/*/sounds/*; do
  case "${f,,}" in
    *.png) i=0 ;; *.jpg) i=1 ;; *.jpeg) i=2 ;; *.bmp) i=3 ;; *.tga) i=4 ;; *.wav) i=5 ;;
    *.ogg) i=6 ;; *.flac) i=7 ;; *) continue ;;
  esac
  n=$((n + 1))
  { printf "\\x$(printf %02x $i)"; head -c 4200 "$f"; } >"$cand/media_header/$n"
done

for h in loader_scene manifest expression save recording media_header pack; do
  rm -rf "fuzz/corpus/$h"
  mkdir -p "fuzz/corpus/$h"
  "$bin/${h}_fuzz" -merge=1 -artifact_prefix="$cand/" "fuzz/corpus/$h" "$cand/$h" >/dev/null 2>"$cand/$h.log" ||
    { cat "$cand/$h.log"; exit 1; }
  echo "$h: $(ls "$cand/$h" | wc -l) candidates, $(ls "fuzz/corpus/$h" | wc -l) kept"
done
