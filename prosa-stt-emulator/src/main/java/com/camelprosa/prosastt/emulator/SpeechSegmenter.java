package com.camelprosa.prosastt.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds speech segments in the audio of one session, as it arrives.
 * <p>
 * For WAV (16-bit PCM) and raw {@code s16le} it runs an energy-based voice activity detector on 20 ms frames, on each
 * channel separately, so segment times are those of the audio itself. For every other format it can only estimate
 * the duration from an assumed byte rate, and reports the whole audio as one segment when it ends.
 * <p>
 * With a limit (the session's maximum duration) it transcribes nothing past it: when the audio reaches the limit,
 * every open segment ends there and later audio is ignored ({@link #limitReached()}).
 */
final class SpeechSegmenter {

    /** A finished stretch of speech on one channel (0-based), in seconds from the start of the stream. */
    record Span(double start, double end, int channel) {
        Span(double start, double end) {
            this(start, end, 0);
        }
    }

    private static final double FRAME_SECONDS = 0.020;
    private static final double EPSILON = 1e-9;
    /** How much of a WAV header is buffered while looking for its {@code data} chunk before giving up on it. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Beyond these a header is hostile or broken, not audio to analyse: fall back to the byte rate. */
    private static final int MAX_CHANNELS = 64;
    private static final int MAX_SAMPLE_RATE = 1_000_000;
    private static final Comparator<Span> BY_END = Comparator.comparingDouble(Span::end)
            .thenComparingInt(Span::channel);

    private final String declaredFormat;
    private final int declaredRate;
    private final int declaredChannels;
    private final double threshold;
    private final double hangoverSeconds;
    private final double minSpeechSeconds;
    private final double limitSeconds;

    private enum Mode { UNDECIDED, PCM, BYTE_RATE }

    private Mode mode = Mode.UNDECIDED;
    private byte[] header = new byte[0];
    private int sampleRate;
    private int channels;
    private int frameSamples; // per channel
    private long limitSamples = Long.MAX_VALUE; // per channel
    private double byteRate;

    private byte[] pending = new byte[0];
    private long bytesSeen; // for the byte-rate estimate only
    private long samplesSeen; // per channel
    private boolean limitReached;
    private double[] speechStart = new double[0];
    private double[] lastVoicedEnd = new double[0];

    SpeechSegmenter(String declaredFormat, int declaredRate, int declaredChannels, double threshold) {
        this(declaredFormat, declaredRate, declaredChannels, threshold, Double.POSITIVE_INFINITY);
    }

    /** @param limitSeconds the most audio to transcribe, in seconds; {@code POSITIVE_INFINITY} for no limit */
    SpeechSegmenter(String declaredFormat, int declaredRate, int declaredChannels, double threshold,
                    double limitSeconds) {
        if (!(limitSeconds > 0)) {
            throw new IllegalArgumentException("The limit must be positive: " + limitSeconds);
        }
        this.declaredFormat = declaredFormat;
        this.declaredRate = declaredRate;
        this.declaredChannels = declaredChannels;
        this.threshold = threshold;
        this.hangoverSeconds = 0.45;
        this.minSpeechSeconds = 0.10;
        this.limitSeconds = limitSeconds;
    }

    /**
     * Feeds a chunk of audio and returns the segments it completed, in order of their end time. The chunk that reaches
     * the limit returns every segment still open, ended at the limit; after it everything is ignored.
     */
    List<Span> accept(byte[] chunk) {
        if (limitReached) {
            return List.of();
        }
        bytesSeen += chunk.length;
        if (mode == Mode.UNDECIDED) {
            header = concat(header, chunk);
            decide(false);
            if (mode == Mode.UNDECIDED) {
                return List.of();
            }
            chunk = header;
            header = new byte[0];
        }
        if (mode == Mode.BYTE_RATE) {
            if (bytesSeen >= limitSeconds * byteRate) {
                limitReached = true;
                return List.of(new Span(0, limitSeconds));
            }
            return List.of();
        }
        return pcm(chunk, false);
    }

    /**
     * Ends the audio: returns the segments still open (in order of their end time), or the whole audio for byte-rate
     * formats; nothing when the limit was reached (those came from {@link #accept}).
     */
    List<Span> finish() {
        if (limitReached) {
            return List.of();
        }
        byte[] rest = new byte[0];
        if (mode == Mode.UNDECIDED) {
            decide(true);
            rest = header;
            header = new byte[0];
        }
        if (mode == Mode.BYTE_RATE) {
            double duration = durationSeconds();
            return duration > 0 ? List.of(new Span(0, duration)) : List.of();
        }
        List<Span> done = new ArrayList<>(pcm(rest, true));
        if (!limitReached) {
            closeAll(done);
        }
        done.sort(BY_END);
        return done;
    }

    /** True once the audio reached the limit: nothing after it is transcribed. */
    boolean limitReached() {
        return limitReached;
    }

    /** True while a segment is open on any channel (speech heard, not yet ended by silence). */
    boolean inSpeech() {
        for (double start : speechStart) {
            if (start >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Where the earliest open segment started, or -1 when none is open. */
    double speechStart() {
        double earliest = -1;
        for (double start : speechStart) {
            if (start >= 0 && (earliest < 0 || start < earliest)) {
                earliest = start;
            }
        }
        return earliest;
    }

    /** Seconds of audio consumed so far. */
    double position() {
        return mode == Mode.PCM ? (double) samplesSeen / sampleRate : durationSeconds();
    }

    /** Seconds of audio transcribed: all of it so far, or the limit once reached. */
    double durationSeconds() {
        if (limitReached) {
            return limitSeconds;
        }
        if (mode == Mode.PCM) {
            return round((double) samplesSeen / sampleRate);
        }
        return byteRate > 0 ? round(bytesSeen / byteRate) : 0;
    }

    /** Runs the detector over whole frames of {@code pending + chunk}; at the end, a last shorter frame too. */
    private List<Span> pcm(byte[] chunk, boolean atEnd) {
        List<Span> done = new ArrayList<>();
        byte[] data = concat(pending, chunk);
        int sampleBytes = 2 * channels;
        int offset = 0;
        while (true) {
            if (samplesSeen >= limitSamples) {
                limitReached = true;
                closeAll(done);
                break;
            }
            int available = (data.length - offset) / sampleBytes;
            int wanted = (int) Math.min(frameSamples, limitSamples - samplesSeen);
            int samples = available >= wanted ? wanted : atEnd ? available : 0;
            if (samples == 0) {
                break;
            }
            frame(data, offset, samples, done);
            offset += samples * sampleBytes;
        }
        pending = limitReached || atEnd ? new byte[0] : Arrays.copyOfRange(data, offset, data.length);
        done.sort(BY_END);
        return done;
    }

    private void frame(byte[] data, int offset, int samples, List<Span> done) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] sum = new double[channels];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                double s = buf.getShort(offset + (i * channels + c) * 2);
                sum[c] += s * s;
            }
        }
        double frameStart = (double) samplesSeen / sampleRate;
        samplesSeen += samples;
        double frameEnd = (double) samplesSeen / sampleRate;
        for (int c = 0; c < channels; c++) {
            double rms = Math.sqrt(sum[c] / samples);
            if (rms >= threshold) {
                if (speechStart[c] < 0) {
                    speechStart[c] = frameStart;
                }
                lastVoicedEnd[c] = frameEnd;
            } else if (speechStart[c] >= 0 && frameEnd - lastVoicedEnd[c] >= hangoverSeconds - EPSILON) {
                closeSpeech(c, done);
            }
        }
    }

    private void closeAll(List<Span> done) {
        for (int c = 0; c < channels; c++) {
            closeSpeech(c, done);
        }
    }

    private void closeSpeech(int channel, List<Span> done) {
        double start = speechStart[channel];
        if (start >= 0 && lastVoicedEnd[channel] - start >= minSpeechSeconds - EPSILON) {
            done.add(new Span(round(start), round(lastVoicedEnd[channel]), channel));
        }
        speechStart[channel] = -1;
    }

    private void decide(boolean atEnd) {
        if (header.length >= 12 && "RIFF".equals(ascii(header, 0)) && "WAVE".equals(ascii(header, 8))) {
            decideWav(atEnd);
        } else if ("s16le".equals(declaredFormat)) {
            startPcm(declaredRate > 0 ? declaredRate : 16000, declaredChannels > 0 ? declaredChannels : 1, 0);
        } else if ("wav".equals(declaredFormat) && header.length < 12 && !atEnd) {
            // not enough bytes yet to tell a RIFF header
        } else if (header.length >= 12 || atEnd || declaredFormat != null) {
            startByteRate();
        }
    }

    /**
     * Walks the RIFF chunks to {@code data}, reading {@code fmt } on the way. Sizes are unsigned 32-bit and may lie: the
     * walk is in long arithmetic, and a chunk that claims more bytes than have arrived means waiting for more, up to
     * {@link #MAX_HEADER_BYTES}, then giving up on the header (byte-rate estimate).
     */
    private void decideWav(boolean atEnd) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 12;
        int fmtTag = -1, ch = 0, rate = 0, bits = 0;
        while (pos + 8 <= header.length) {
            int p = (int) pos;
            String id = ascii(header, p);
            long size = Integer.toUnsignedLong(b.getInt(p + 4));
            if ("data".equals(id)) {
                if (bits == 16 && (fmtTag == 1 || fmtTag == 0xFFFE)) {
                    startPcm(rate, ch, p + 8);
                } else {
                    startByteRate();
                }
                return;
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
            startByteRate();
        }
    }

    private void startPcm(int rate, int ch, int dataOffset) {
        if (ch < 1 || ch > MAX_CHANNELS || rate < 1 || rate > MAX_SAMPLE_RATE) {
            startByteRate();
            return;
        }
        mode = Mode.PCM;
        sampleRate = rate;
        channels = ch;
        frameSamples = Math.max(1, (int) Math.round(sampleRate * FRAME_SECONDS));
        limitSamples = Double.isInfinite(limitSeconds) ? Long.MAX_VALUE : Math.round(limitSeconds * sampleRate);
        speechStart = new double[ch];
        lastVoicedEnd = new double[ch];
        Arrays.fill(speechStart, -1);
        header = Arrays.copyOfRange(header, dataOffset, header.length);
    }

    private void startByteRate() {
        mode = Mode.BYTE_RATE;
        header = new byte[0];
        double rate = declaredRate > 0 ? declaredRate : 8000;
        double ch = declaredChannels > 0 ? declaredChannels : 1;
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
        if (b.length == 0) {
            return a;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
