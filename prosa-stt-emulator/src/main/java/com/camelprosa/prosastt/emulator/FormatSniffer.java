package com.camelprosa.prosastt.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tells from the first bytes of a session's audio, and the format its configuration declared, how the emulator can
 * read it: as 16-bit PCM with a rate and a channel count (a WAV header's, or declared {@code s16le}), or only by an
 * assumed byte rate (every other format). Holds the first bytes until it can tell.
 */
final class FormatSniffer {

    /** How to read the audio: PCM when {@code sampleRate > 0}, with the samples that came after the header. */
    record Decision(int sampleRate, int channels, byte[] samples, double byteRate) {
        boolean pcm() {
            return sampleRate > 0;
        }
    }

    /** How much of a WAV header is buffered while looking for its {@code data} chunk before giving up on it. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Beyond these a header is hostile or broken, not audio to analyse: fall back to the byte rate. */
    private static final int MAX_CHANNELS = 64;
    private static final int MAX_SAMPLE_RATE = 1_000_000;

    private final String declaredFormat;
    private final int declaredRate;
    private final int declaredChannels;
    private byte[] header = new byte[0];

    FormatSniffer(String declaredFormat, int declaredRate, int declaredChannels) {
        this.declaredFormat = declaredFormat;
        this.declaredRate = declaredRate;
        this.declaredChannels = declaredChannels;
    }

    /** Takes the next bytes of the audio; null while it cannot tell yet. */
    Decision accept(byte[] chunk) {
        header = concat(header, chunk);
        return decide(false);
    }

    /** The audio ended: decides with what has come. */
    Decision finish() {
        return decide(true);
    }

    private Decision decide(boolean atEnd) {
        if (header.length >= 12 && "RIFF".equals(ascii(header, 0)) && "WAVE".equals(ascii(header, 8))) {
            return decideWav(atEnd);
        } else if ("s16le".equals(declaredFormat)) {
            return pcm(declaredRate > 0 ? declaredRate : 16000, declaredChannels > 0 ? declaredChannels : 1, 0);
        } else if ("wav".equals(declaredFormat) && header.length < 12 && !atEnd) {
            return null; // not enough bytes yet to tell a RIFF header
        } else if (header.length >= 12 || atEnd || declaredFormat != null) {
            return byteRate();
        }
        return null;
    }

    /**
     * Walks the RIFF chunks to {@code data}, reading {@code fmt } on the way. Sizes are unsigned 32-bit and may lie: the
     * walk is in long arithmetic, and a chunk that claims more bytes than have arrived means waiting for more, up to
     * {@link #MAX_HEADER_BYTES}, then giving up on the header (byte-rate estimate).
     */
    private Decision decideWav(boolean atEnd) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 12;
        int fmtTag = -1, ch = 0, rate = 0, bits = 0;
        while (pos + 8 <= header.length) {
            int p = (int) pos;
            String id = ascii(header, p);
            long size = Integer.toUnsignedLong(b.getInt(p + 4));
            if ("data".equals(id)) {
                if (bits == 16 && (fmtTag == 1 || fmtTag == 0xFFFE)) {
                    return pcm(rate, ch, p + 8);
                }
                return byteRate();
            }
            long next = pos + 8 + size + (size & 1);
            if (next > header.length) {
                break; // this chunk has not all arrived (or never will): wait for more bytes
            }
            if ("fmt ".equals(id) && size >= 16) {
                fmtTag = b.getShort(p + 8) & 0xffff;
                ch = b.getShort(p + 10) & 0xffff;
                rate = b.getInt(p + 12);
                bits = b.getShort(p + 22) & 0xffff;
                if (fmtTag == 0xFFFE && size >= 40 && (b.getShort(p + 32) & 0xffff) != 1) {
                    fmtTag = -1; // WAVE_FORMAT_EXTENSIBLE whose sub-format is not PCM
                }
            }
            pos = next;
        }
        if (atEnd || header.length > MAX_HEADER_BYTES) {
            return byteRate();
        }
        return null;
    }

    private Decision pcm(int rate, int ch, int dataOffset) {
        if (ch < 1 || ch > MAX_CHANNELS || rate < 1 || rate > MAX_SAMPLE_RATE) {
            return byteRate();
        }
        byte[] samples = Arrays.copyOfRange(header, dataOffset, header.length);
        header = new byte[0];
        return new Decision(rate, ch, samples, 0);
    }

    private Decision byteRate() {
        header = new byte[0];
        double rate = declaredRate > 0 ? declaredRate : 8000;
        double ch = declaredChannels > 0 ? declaredChannels : 1;
        double byteRate = switch (declaredFormat == null ? "" : declaredFormat) {
            case "pcm_mulaw", "pcm_alaw" -> rate * ch;
            case "opus", "webm" -> 4000;
            case "flac" -> 48000;
            default -> 16000; // 128 kbit/s, a common MP3 rate
        };
        return new Decision(0, 0, new byte[0], byteRate);
    }

    private static String ascii(byte[] data, int offset) {
        return new String(data, offset, 4, StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
