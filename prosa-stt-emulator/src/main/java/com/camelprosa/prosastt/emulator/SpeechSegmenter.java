package com.camelprosa.prosastt.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds speech segments in the audio of one session, as it arrives.
 * <p>
 * For WAV (16-bit PCM) and raw {@code s16le} it runs an energy-based voice activity detector on 20 ms frames, so
 * segment times are those of the audio itself. For every other format it can only estimate the duration from an
 * assumed byte rate, and reports the whole audio as one segment when it ends.
 */
final class SpeechSegmenter {

    /** A finished stretch of speech, in seconds from the start of the stream. */
    record Span(double start, double end) {
    }

    private static final double FRAME_SECONDS = 0.020;

    private final String declaredFormat;
    private final int declaredRate;
    private final int declaredChannels;
    private final double threshold;
    private final double hangoverSeconds;
    private final double minSpeechSeconds;

    private enum Mode { UNDECIDED, PCM, BYTE_RATE }

    private Mode mode = Mode.UNDECIDED;
    private byte[] header = new byte[0];
    private int sampleRate;
    private int channels;
    private int frameBytes;
    private double byteRate;

    private byte[] pending = new byte[0];
    private long bytesSeen; // for the byte-rate estimate only
    private long framesSeen;
    private double speechStart = -1;
    private double lastVoicedEnd;

    SpeechSegmenter(String declaredFormat, int declaredRate, int declaredChannels, double threshold) {
        this.declaredFormat = declaredFormat;
        this.declaredRate = declaredRate;
        this.declaredChannels = declaredChannels;
        this.threshold = threshold;
        this.hangoverSeconds = 0.45;
        this.minSpeechSeconds = 0.10;
    }

    /** Feeds a chunk of audio and returns the segments it completed. */
    List<Span> accept(byte[] chunk) {
        bytesSeen += chunk.length;
        if (mode == Mode.UNDECIDED) {
            header = concat(header, chunk);
            decide(false);
            if (mode != Mode.PCM) {
                return List.of();
            }
            chunk = header;
            header = new byte[0];
        }
        if (mode == Mode.BYTE_RATE) {
            return List.of();
        }
        List<Span> done = new ArrayList<>();
        byte[] data = concat(pending, chunk);
        int offset = 0;
        while (data.length - offset >= frameBytes) {
            frame(data, offset, done);
            offset += frameBytes;
        }
        pending = java.util.Arrays.copyOfRange(data, offset, data.length);
        return done;
    }

    /** Ends the audio: returns the last segment, if one was open, or the whole audio for byte-rate formats. */
    List<Span> finish() {
        List<Span> done = new ArrayList<>();
        if (mode == Mode.UNDECIDED) {
            decide(true);
            if (mode == Mode.PCM) {
                byte[] rest = header;
                header = new byte[0];
                done.addAll(accept(rest));
            }
        }
        if (mode == Mode.BYTE_RATE) {
            double duration = durationSeconds();
            return duration > 0 ? List.of(new Span(0, round(duration))) : List.of();
        }
        closeSpeech(done);
        return done;
    }

    /** True while a segment is open (speech heard, not yet ended by silence). */
    boolean inSpeech() {
        return speechStart >= 0;
    }

    double speechStart() {
        return speechStart;
    }

    /** Seconds of audio consumed so far. */
    double position() {
        return mode == Mode.PCM ? framesSeen * FRAME_SECONDS : durationSeconds();
    }

    double durationSeconds() {
        if (mode == Mode.PCM) {
            return round(framesSeen * FRAME_SECONDS);
        }
        return byteRate > 0 ? round(bytesSeen / byteRate) : 0;
    }

    private void frame(byte[] data, int offset, List<Span> done) {
        ByteBuffer buf = ByteBuffer.wrap(data, offset, frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        int samples = frameBytes / 2;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double s = buf.getShort();
            sum += s * s;
        }
        double rms = Math.sqrt(sum / samples);
        double frameStart = framesSeen * FRAME_SECONDS;
        framesSeen++;
        double frameEnd = framesSeen * FRAME_SECONDS;
        if (rms >= threshold) {
            if (speechStart < 0) {
                speechStart = frameStart;
            }
            lastVoicedEnd = frameEnd;
        } else if (speechStart >= 0 && frameEnd - lastVoicedEnd >= hangoverSeconds) {
            closeSpeech(done);
        }
    }

    private void closeSpeech(List<Span> done) {
        if (speechStart >= 0 && lastVoicedEnd - speechStart >= minSpeechSeconds) {
            done.add(new Span(round(speechStart), round(lastVoicedEnd)));
        }
        speechStart = -1;
    }

    private void decide(boolean atEnd) {
        if (header.length >= 12 && "RIFF".equals(ascii(header, 0)) && "WAVE".equals(ascii(header, 8))) {
            decideWav(atEnd);
        } else if ("s16le".equals(declaredFormat)) {
            startPcm(declaredRate > 0 ? declaredRate : 16000, declaredChannels > 0 ? declaredChannels : 1, 0);
        } else if (header.length >= 12 || atEnd || declaredFormat != null) {
            startByteRate();
        }
    }

    private void decideWav(boolean atEnd) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int fmtTag = -1, ch = 0, rate = 0, bits = 0;
        while (pos + 8 <= header.length) {
            String id = ascii(header, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            if ("fmt ".equals(id) && pos + 24 <= header.length) {
                fmtTag = b.getShort(pos + 8) & 0xffff;
                ch = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            }
            if ("data".equals(id)) {
                if (fmtTag == 1 && bits == 16 && ch > 0 && rate > 0) {
                    startPcm(rate, ch, pos + 8);
                } else {
                    startByteRate();
                }
                return;
            }
            pos += 8 + (int) (size + (size & 1));
        }
        if (atEnd || header.length > 1 << 20) {
            startByteRate();
        }
    }

    private void startPcm(int rate, int ch, int dataOffset) {
        mode = Mode.PCM;
        sampleRate = rate;
        channels = ch;
        frameBytes = Math.max(2 * channels, (int) Math.round(sampleRate * FRAME_SECONDS) * 2 * channels);
        header = java.util.Arrays.copyOfRange(header, dataOffset, header.length);
    }

    private void startByteRate() {
        mode = Mode.BYTE_RATE;
        header = new byte[0];
        int rate = declaredRate > 0 ? declaredRate : 8000;
        int ch = declaredChannels > 0 ? declaredChannels : 1;
        byteRate = switch (declaredFormat == null ? "" : declaredFormat) {
            case "pcm_mulaw", "pcm_alaw" -> rate * ch;
            case "opus", "webm" -> 4000;
            case "flac" -> 48000;
            default -> 16000; // 128 kbit/s, a common MP3 rate
        };
    }

    private static String ascii(byte[] data, int offset) {
        return new String(data, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
