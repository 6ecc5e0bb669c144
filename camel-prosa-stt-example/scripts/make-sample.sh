#!/usr/bin/env bash
# Makes the example's spoken sample: Indonesian sentences (espeak-ng, voice id) joined by 0.8 s of silence (sox),
# 16 kHz mono 16-bit WAV, plus the transcript script the emulator reads for it. Needs: apt-get install espeak-ng sox
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/sample"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
sentences=(
  "Selamat pagi, ada yang bisa saya bantu?"
  "Saya ingin menanyakan pesanan saya."
  "Terima kasih banyak."
)
sox -n -r 16000 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.8
parts=("$tmp/gap.wav")
for i in "${!sentences[@]}"; do
  espeak-ng -v id -s 170 -w "$tmp/raw-$i.wav" "${sentences[$i]}"
  sox "$tmp/raw-$i.wav" -r 16000 -c 1 -b 16 "$tmp/s-$i.wav"
  parts+=("$tmp/s-$i.wav" "$tmp/gap.wav")
done
sox "${parts[@]}" "$out/call-center.wav"
{
  printf '{"call-center.wav": ['
  for i in "${!sentences[@]}"; do
    [ "$i" -gt 0 ] && printf ', '
    printf '"%s"' "${sentences[$i]}"
  done
  printf ']}\n'
} > "$out/call-center.transcript.json"
ls -l "$out"
