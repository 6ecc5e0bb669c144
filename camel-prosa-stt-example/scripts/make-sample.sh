#!/usr/bin/env bash
# Makes the example's spoken samples and the transcript scripts the emulator reads for them:
# - call-center.wav: Indonesian sentences (espeak-ng, voice id) joined by 0.8 s of silence (sox), 16 kHz mono 16-bit;
# - call-stereo.wav: a two-speaker call, the agent (voice id) on the left channel and the customer (voice id+f3, higher
#   pitch) on the right, taking turns, each channel silent while the other speaks; 8 kHz stereo 16-bit PCM (the
#   emulator finds speech per channel in 16-bit PCM only, not in mu-law), 8 s, under 250 KiB.
# Needs: apt-get install espeak-ng sox
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

# The stereo call: the agent says each line, then the customer says it back (a greeting, then goodbye). Mirrored on
# purpose: splitChannels sends each channel as its own session under the file's label, and the emulator gives every
# session of a label the same list of texts (a session's n-th segment gets the n-th text), so the agent's and the
# customer's n-th turns get the same text offline. With these turns that is also what was said.
lines=(
  "Halo, selamat pagi."
  "Terima kasih, sampai jumpa."
)
sox -D -n -r 8000 -c 1 -b 16 "$tmp/edge.wav" trim 0 0.3
sox -D -n -r 8000 -c 1 -b 16 "$tmp/pause.wav" trim 0 0.4
left=("$tmp/edge.wav"); right=("$tmp/edge.wav")
for i in "${!lines[@]}"; do
  for who in agent customer; do
    # agent: voice id on the left channel; customer: voice id+f3, higher and a little slower, on the right
    if [ "$who" = agent ]; then voice=(-v id -s 185); else voice=(-v id+f3 -p 60 -s 175); fi
    t="$tmp/$who-$i"
    espeak-ng "${voice[@]}" -w "$t-raw.wav" "${lines[$i]}"
    # 8 kHz, without espeak's leading and trailing silence; the other channel is as long and silent (-D: no dither,
    # so silence is zeros and the file is the same on every run)
    sox -D "$t-raw.wav" -r 8000 -c 1 -b 16 "$t.wav" silence 1 0.02 1% reverse silence 1 0.02 1% reverse
    sox -D "$t.wav" "$t-quiet.wav" vol 0
    [ "${#left[@]}" -gt 1 ] && { left+=("$tmp/pause.wav"); right+=("$tmp/pause.wav"); }
    if [ "$who" = agent ]; then left+=("$t.wav"); right+=("$t-quiet.wav"); else left+=("$t-quiet.wav"); right+=("$t.wav"); fi
  done
done
left+=("$tmp/edge.wav"); right+=("$tmp/edge.wav")
sox "${left[@]}" "$tmp/left.wav"
sox "${right[@]}" "$tmp/right.wav"
sox -D -M "$tmp/left.wav" "$tmp/right.wav" -b 16 -e signed-integer "$out/call-stereo.wav"
# The emulator's texts for each channel's session: its segments in order
{
  printf '{"call-stereo.wav": ['
  for i in "${!lines[@]}"; do
    [ "$i" -gt 0 ] && printf ', '
    printf '"%s"' "${lines[$i]}"
  done
  printf ']}\n'
} > "$out/call-stereo.transcript.json"
ls -l "$out"
