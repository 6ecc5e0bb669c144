package com.camelprosa.prosastt.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides the audio's format from its first chunk and refuses, before any connection and any quota, what is not
 * audio: empty input, text, a file whose name promises a container its bytes do not have, a WAV with no samples.
 * <p>
 * Order: a declared format (option or header), then a container signature in the bytes, then the file name, then a
 * weak MP3 frame-sync guess; none of them means the server detects the format.
 */
final class AudioInspector {

    private static final int TEXT_SAMPLE = 512;

    private AudioInspector() {
    }

    /** What the first chunk told: the format to declare (null: the server detects it) and a WAV's header. */
    record Inspection(AudioFormat format, WavHeader wav) {
    }

    /**
     * @param  head   the first chunk; shorter than {@code request.chunkSize()} only when the audio ended within it
     * @param  length the whole audio's length in bytes, or -1 when unknown
     */
    static Inspection inspect(byte[] head, String fileName, long length, StreamRequest request) {
        String named = fileName == null ? "" : " (" + fileName + ")";
        if (head.length == 0) {
            throw new ProsaSttInvalidInputException("The audio" + named + " is empty: nothing was sent and no quota was"
                                                    + " spent. Send a non-empty audio file.");
        }
        if (looksLikeText(head)) {
            throw new ProsaSttInvalidInputException("The audio" + named + " is text, not audio (it starts with '"
                                                    + preview(head) + "'). Nothing was sent and no quota was spent. Send the audio file itself.");
        }
        AudioFormat declared = request.audioFormat();
        AudioFormat signature = AudioFormat.strongSignature(head, head.length);
        AudioFormat byName = AudioFormat.fromFileName(fileName);
        AudioFormat format = declared != null ? declared
                : signature != null ? signature
                : byName != null ? byName
                : AudioFormat.weakSignature(head, head.length);
        if (format != null && format != signature && hasSignature(format)) {
            throw new ProsaSttInvalidInputException("The audio" + named + " is not " + format.wireName() + ": it does"
                                                    + " not start with a " + format.wireName() + " header"
                                                    + (signature != null ? " (its bytes are " + signature.wireName() + ")" : "")
                                                    + ". Nothing was sent. Send a real " + format.wireName() + " file, or set audioFormat to what it is.");
        }
        long whole = head.length < request.chunkSize() ? head.length : length;
        WavHeader wav = format == AudioFormat.WAV ? WavHeader.read(head, head.length, whole) : null;
        if (format == AudioFormat.MP3) {
            Mp3Frames.check(head, head.length, whole >= 0 && whole <= head.length, named);
        }
        if (format != null) {
            request.checkRawFormat(format);
        }
        return new Inspection(format, wav);
    }

    /** MP3's length is estimated from its first frame: refused only when clearly over the limit. */
    static final double MP3_ESTIMATE_MARGIN = 1.1;

    /**
     * Refuses, before any quota is spent, audio that this client cannot cut into sessions and whose header shows it is
     * longer than {@code maxSeconds}: FLAC by its STREAMINFO, MP3 by its first frame (Xing frame count or bit rate)
     * when more than 10 % over.
     */
    static void refuseTooLong(byte[] head, Inspection audio, long length, double maxSeconds) {
        if (audio.format() == AudioFormat.MP3) {
            double seconds = Mp3Frames.estimateSeconds(head, head.length, length);
            if (seconds > maxSeconds * MP3_ESTIMATE_MARGIN) {
                throw tooLong("MP3", "about " + String.format(java.util.Locale.ROOT, "%.1f", seconds), maxSeconds,
                        "ffmpeg -i in.mp3 -ac 1 -ar 16000 out.wav");
            }
            return;
        }
        if (audio.format() != AudioFormat.FLAC || head.length < 8 + 34 || (head[4] & 0x7f) != 0) {
            return;
        }
        int b = 8 + 10; // STREAMINFO: sample rate (20 bits), channels (3), bits (5), total samples (36)
        long rate = ((head[b] & 0xffL) << 12) | ((head[b + 1] & 0xffL) << 4) | ((head[b + 2] & 0xf0L) >> 4);
        long samples = ((head[b + 3] & 0x0fL) << 32) | ((head[b + 4] & 0xffL) << 24) | ((head[b + 5] & 0xffL) << 16)
                       | ((head[b + 6] & 0xffL) << 8) | (head[b + 7] & 0xffL);
        if (rate > 0 && samples > 0 && (double) samples / rate > maxSeconds) {
            throw tooLong("FLAC", String.format(java.util.Locale.ROOT, "%.1f", (double) samples / rate), maxSeconds,
                    "sox in.flac out.wav");
        }
    }

    private static ProsaSttMaxDurationException tooLong(String format, String seconds, double maxSeconds, String convert) {
        return new ProsaSttMaxDurationException(String.format(java.util.Locale.ROOT, "The %s audio is %s s long, longer"
                                                              + " than one session may be (%.1f s), and %s is not cut into sessions by this client. Nothing was"
                                                              + " sent and no quota was spent. Convert it to WAV (e.g. %s), which is cut into sessions"
                                                              + " automatically, or send parts shorter than %.1f s.", format, seconds, maxSeconds, format, convert,
                maxSeconds), maxSeconds, 0.0);
    }

    private static boolean hasSignature(AudioFormat format) {
        return format == AudioFormat.WAV || format == AudioFormat.FLAC || format == AudioFormat.OPUS
               || format == AudioFormat.WEBM;
    }

    /** Valid UTF-8 with no control characters but tab and line breaks: no audio encoding looks like that. */
    static boolean looksLikeText(byte[] head) {
        int n = Math.min(head.length, TEXT_SAMPLE);
        if (n < 16) {
            return false;
        }
        int end = n;
        if (n < head.length) { // leave out a multi-byte character the sample cuts in two
            int i = n - 1;
            while (i > n - 4 && (head[i] & 0xc0) == 0x80) {
                i--;
            }
            if ((head[i] & 0xc0) == 0xc0) {
                end = i;
            }
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
        } catch (CharacterCodingException e) {
            return false;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, 24), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
