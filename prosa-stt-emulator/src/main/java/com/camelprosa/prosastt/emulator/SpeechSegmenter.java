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
 * For WAV (16-bit PCM) and raw {@code s16le} (as {@link FormatSniffer} tells) it runs an energy-based voice activity detector on 20 ms frames, on each
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
    private static final Comparator<Span> BY_END = Comparator.comparingDouble(Span::end)
            .thenComparingInt(Span::channel);

    private final FormatSniffer sniffer;
    private final double threshold;
    private final double hangoverSeconds;
    private final double minSpeechSeconds;
    private final double limitSeconds;

    private enum Mode { UNDECIDED, PCM, BYTE_RATE }

    private Mode mode = Mode.UNDECIDED;
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
        this.sniffer = new FormatSniffer(declaredFormat, declaredRate, declaredChannels);
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
            FormatSniffer.Decision decision = sniffer.accept(chunk);
            if (decision == null) {
                return List.of();
            }
            chunk = start(decision);
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
            rest = start(sniffer.finish());
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
        byte[] data = FormatSniffer.concat(pending, chunk);
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

    /** Reads the audio as the sniffer decided; the samples that came with the header. */
    private byte[] start(FormatSniffer.Decision decision) {
        if (!decision.pcm()) {
            mode = Mode.BYTE_RATE;
            byteRate = decision.byteRate();
            return decision.samples();
        }
        mode = Mode.PCM;
        sampleRate = decision.sampleRate();
        channels = decision.channels();
        frameSamples = Math.max(1, (int) Math.round(sampleRate * FRAME_SECONDS));
        limitSamples = Double.isInfinite(limitSeconds) ? Long.MAX_VALUE : Math.round(limitSeconds * sampleRate);
        speechStart = new double[channels];
        lastVoicedEnd = new double[channels];
        Arrays.fill(speechStart, -1);
        return decision.samples();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
