package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing (Jazzer) of every parser of bytes that come from outside: uploaded audio and server messages.
 * Each ends in a typed outcome whatever the bytes: a value, or {@link ProsaSttInvalidInputException} with a message,
 * within {@link #SLOW_MILLIS} ms. Anything else thrown is a finding.
 * <p>
 * {@code mvn verify} replays only the corpus: {@code src/test/resources/.../ParserFuzzTestInputs/<method>/} (seeds
 * written by {@link ParserFuzzTestSeeds}, and every crash found, kept as a regression input once fixed; until then it
 * waits in ParserFuzzTestFindings/ beside a @Disabled test). {@code .ci/run} fuzzes each target for real, one JVM
 * each (Jazzer fuzzes one per JVM), up to {@link #RUNS} inputs or {@link #BUDGET}; to fuzz one by hand:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl prosa-stt-emulator,camel-prosa-stt compile surefire:test -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dtest='ParserFuzzTest#wavHeader' -Djunit.jupiter.execution.timeout.mode=disabled \
 *   -Djazzer.instrument='com.camelprosa.**,com.fasterxml.jackson.**'
 * </pre>
 * (JUnit would time the whole fuzzing run with {@code @Timeout}: Jazzer takes it as libFuzzer's per-input timeout
 * instead; Jackson is instrumented so that {@link #serverMessage} is guided through the JSON parser.) A finding is
 * written to ParserFuzzTestInputs/&lt;method&gt;/crash-* (timeout-* for a hang).
 * <p>
 * Adding a target is one method: {@code @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS) void x(byte[] input)}
 * calling {@link #typed}; .ci/run finds every {@code @FuzzTest} method in the *FuzzTest.java files by itself. Parameters
 * are read from the front of the input by {@link Input} (0 once it runs out), the rest is the file: a seed is a
 * prefix of zeros (the usual call) and the file's bytes.
 * <p>
 * {@code @Timeout}: in a plain run, each input's limit (JUnit); when fuzzing, libFuzzer's {@code -timeout}, which
 * catches a hang ({@link #typed} catches an input that ends, but slowly).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ParserFuzzTest {

    /** How long one target may fuzz in CI, and how many inputs at most: whichever comes first. */
    static final String BUDGET = "30s";
    static final long RUNS = 500_000;

    /** Slower than this on one input, twice in a row (the first call may load classes), is a finding. */
    static final long SLOW_MILLIS = 1000;

    /** File name extensions the audio inspector target picks from (index 0: no file name at all). */
    static final List<String> EXTENSIONS = Arrays.asList(null, "", ".wav", ".WAV", ".wave", ".mp3", ".MP3", ".flac",
            ".ogg", ".opus", ".oga", ".webm", ".pcm", ".raw", ".s16le", ".ulaw", ".mulaw", ".alaw", ".txt", ".",
            ".mp3.wav", ".wav.mp3");

    /** Values of the audioFormat option the audio inspector target picks from (index 0: not set). */
    static final List<String> FORMATS = Arrays.asList(null, "auto", "wav", "mp3", "flac", "opus", "webm", "s16le",
            "pcm_mulaw", "pcm_alaw", " WAV ");

    /** Values of the audioFormat option the layout targets pick from (index 0: not set): those that can be cut. */
    static final List<String> LAYOUT_FORMATS = Arrays.asList(null, "wav", "s16le", "pcm_mulaw", "pcm_alaw", "mp3");

    /** Sample rates the layout targets pick from, unless any int is asked for. */
    static final int[] RATES = {8000, 16000, 1000, 44100, 48000, 11025, 22050, 1, 100};

    // ---- targets ----------------------------------------------------------------------------------------------

    /**
     * {@link WavHeader#read}: a header, null (not RIFF/WAVE) or a typed refusal, for any bytes, any number of them
     * valid and any declared file length. Prefix: mode (u8), n (i64).
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "LIST", "JUNK", "fact"})
    void wavHeader(byte[] input) {
        Input in = new Input(input);
        int mode = in.u8();
        long n = in.i64();
        byte[] head = in.rest();
        int length = (mode & 1) == 0 ? head.length : (int) Long.remainderUnsigned(n, head.length + 1L);
        long fileLength = switch ((mode >> 1) & 3) {
            case 0 -> length; // the whole file was read
            case 1 -> -1; // a live stream
            case 2 -> length + (n & 0xFFFFFFFFL); // the first chunk of a longer file
            default -> n; // whatever a caller passes
        };
        WavHeader h = typed(() -> WavHeader.read(head, length, fileLength)).value();
        if (h == null) {
            return;
        }
        assertTrue(WavHeader.isWav(head, length), "a header from bytes that are not RIFF/WAVE");
        assertTrue(h.channels() >= 1 && h.sampleRate() >= 1, () -> "channels and rate must be at least 1: " + h);
        assertTrue(h.dataOffset() >= 20 && h.dataOffset() <= length, () -> "samples outside the header read: " + h);
        assertTrue(h.dataSize() == WavHeader.UNKNOWN_SIZE || h.dataSize() > 0, () -> "data size: " + h);
        if (fileLength >= 0) {
            assertTrue(h.dataOffset() < fileLength, () -> "no samples in the file: " + h);
            assertTrue(h.dataSize() == WavHeader.UNKNOWN_SIZE || h.dataOffset() + h.dataSize() <= fileLength,
                    () -> "samples past the end of the file: " + h);
        }
        double rate = h.bytesPerSecond();
        assertTrue(rate >= 0 && !Double.isNaN(rate), () -> "bytes per second " + rate + ": " + h);
        h.seconds(h.dataSize());
        h.isPcm16();
    }

    /** {@link Mp3Frames#check}: passes or refuses typed. Prefix: mode (u8: bit 0 a shorter length, bit 1 not whole), n (i32). */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"ID3", "TAG"})
    void mp3Check(byte[] input) {
        Input in = new Input(input);
        int mode = in.u8();
        int n = in.i32();
        byte[] data = in.rest();
        int length = (mode & 1) == 0 ? data.length : Integer.remainderUnsigned(n, data.length + 1);
        boolean whole = (mode & 2) == 0;
        typed(() -> {
            Mp3Frames.check(data, length, whole, " (fuzz.mp3)");
            return null;
        });
    }

    /**
     * {@link Mp3Frames#frameAt}: a frame or null, for any offset ("every read is bounded by the bytes given"); a frame
     * is at least its 4-byte header long. Prefix: mode (u8: bit 0 a shorter length, bit 1 any int offset), n (i32).
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    void mp3FrameAt(byte[] input) {
        Input in = new Input(input);
        int mode = in.u8();
        int n = in.i32();
        byte[] data = in.rest();
        int length = (mode & 1) == 0 ? data.length : Integer.remainderUnsigned(n >>> 16, data.length + 1);
        int at = (mode & 2) == 0 ? Integer.remainderUnsigned(n, length + 1) : n;
        Mp3Frames.Frame f = typed(() -> Mp3Frames.frameAt(data, length, at)).value();
        if (f != null) {
            assertTrue(f.length() >= 4 && f.samples() > 0 && f.sampleRate() > 0, () -> "frame " + f + " at " + at);
            double s = f.seconds();
            assertTrue(s > 0 && s < 1, () -> "frame of " + s + " s at " + at);
        }
    }

    /**
     * {@link AudioInspector#inspect}: a format (or null: the server detects) or a typed refusal, for any bytes, file
     * name extension, declared format and length. A WAV always comes with its header. Then
     * {@link AudioInspector#refuseTooLong} (FLAC's STREAMINFO): passes or refuses with ProsaSttMaxDurationException.
     * Prefix: format (u8), extension (u8), mode (u8), n (i64).
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "fLaC", "OggS", "ID3", "TAG"})
    void audioInspector(byte[] input) {
        Input in = new Input(input);
        String declared = FORMATS.get(in.u8() % FORMATS.size());
        String extension = EXTENSIONS.get(in.u8() % EXTENSIONS.size());
        int mode = in.u8();
        long n = in.i64();
        byte[] head = in.rest();
        String fileName = extension == null ? null : "upload" + extension;
        int chunkSize;
        long length;
        switch (mode & 3) {
            case 0 -> { // the whole file fits in the first chunk
                chunkSize = head.length + 1;
                length = head.length;
            }
            case 1 -> { // a stream: a full first chunk, length unknown
                chunkSize = Math.max(1, head.length);
                length = -1;
            }
            case 2 -> { // the first chunk of a longer file
                chunkSize = Math.max(1, head.length);
                length = head.length + (n & 0xFFFFFFFFL);
            }
            default -> { // whatever a caller passes
                chunkSize = 1 + (int) Long.remainderUnsigned(n, StreamRequest.MAX_CHUNK_SIZE);
                length = n >> 8;
            }
        }
        StreamRequest request;
        try {
            request = StreamRequest.builder().apiKey("k").model("general").audioFormat(declared)
                    .sampleRate((mode & 4) == 0 ? null : 16000).channels((mode & 8) == 0 ? null : 2)
                    .realtime((mode & 16) != 0).chunkSize(Math.min(chunkSize, StreamRequest.MAX_CHUNK_SIZE)).build();
        } catch (ProsaSttException e) {
            return; // refused by the builder (raw format without a sample rate): not the target
        }
        AudioInspector.Inspection i = typed(() -> AudioInspector.inspect(head, fileName, length, request)).value();
        if (i == null) {
            return;
        }
        assertEquals(i.format() == AudioFormat.WAV, i.wav() != null, () -> "a WAV comes with its header: " + i);
        if (request.audioFormat() != null) {
            assertEquals(request.audioFormat(), i.format(), "the declared format wins");
        }
        double maxSeconds = (mode & 32) == 0 ? 58 * 60 : (n & 0xFFFF) / 10.0;
        typed(() -> {
            AudioInspector.refuseTooLong(head, i, length, maxSeconds);
            return null;
        }, ProsaSttMaxDurationException.class);
    }

    /** {@link ServerMessage#parse}: a message for any text the server sends (UTF-8), never an exception. */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"\"type\"", "\"created\"", "\"status\"", "\"partial\"", "\"result\"", "\"metadata\"",
            "\"quota\"", "\"id\"", "\"transcript\"", "\"time_start\"", "\"time_end\"", "\"duration\"", "\"quota_used\"",
            "\"max_reached\"", "\"max_duration\"", "\"complete\"", "\"failed\"", "true", "null", "1e308", "-0.0"})
    void serverMessage(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Outcome<ServerMessage> o = typed(() -> ServerMessage.parse(text));
        if (o.refused() != null) {
            throw new AssertionError("ServerMessage.parse must not throw, even typed", o.refused());
        }
        assertNotNull(o.value(), "parse returned null");
    }

    /**
     * {@link CutPlanner#plan}, on a layout made as the client makes it ({@link #layout}): the part boundaries start at
     * {@code from}, end at the layout's dataEnd, increase strictly, each part at most maxSeconds long and cut between
     * whole frames, at the quietest 20 ms block of the window before its limit; or a typed refusal (audio shorter than
     * its length said, a maxSessionDuration too short to cut). Prefix: see {@link #layout}; k picks {@code from}
     * (mode bit 7: a later frame, as when earlier parts were confirmed).
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "fact"})
    void cutPlanner(byte[] input) {
        Laid a = layout(new Input(input));
        if (a == null) {
            return;
        }
        AudioLayout layout = a.layout();
        double maxSeconds = new ServerLimits().sessionSeconds(a.request());
        if (maxSeconds <= 0) {
            return; // maxSessionDuration=0: one session, nothing is planned
        }
        long frame = layout.frameBytes();
        long from = layout.dataOffset();
        if ((a.mode() & 128) != 0 && frame > 0 && layout.dataEnd() > from) {
            from += Long.remainderUnsigned(a.k() & 0xFFFFFFFFL, (layout.dataEnd() - from) / frame + 1) * frame;
        }
        if (from >= layout.dataEnd()) {
            return; // no samples left to send: the client plans only audio longer than a session
        }
        long start = from;
        long[] cuts = typed(() -> plan(a.bytes(), layout, start, maxSeconds),
                ProsaSttInvalidConfigurationException.class).value();
        if (cuts == null) {
            return;
        }
        String what = Arrays.toString(cuts) + " for " + layout + " from " + from + ", at most " + maxSeconds + " s";
        assertTrue(cuts.length >= 2, () -> "no part: " + what);
        assertEquals(from, cuts[0], () -> "the first part must start at from: " + what);
        assertEquals(layout.dataEnd(), cuts[cuts.length - 1], () -> "the last part must end at dataEnd: " + what);
        long maxBytes = layout.bytesFor(maxSeconds);
        for (int i = 0; i + 1 < cuts.length; i++) {
            long part = cuts[i + 1] - cuts[i];
            assertTrue(part > 0, () -> "boundaries must increase strictly: " + what);
            assertTrue(part <= maxBytes && layout.seconds(part) <= maxSeconds * (1 + 1e-12),
                    () -> "a part longer than " + maxSeconds + " s (" + maxBytes + " bytes): " + what);
            if (i + 2 < cuts.length) {
                assertEquals(0, (cuts[i + 1] - from) % frame, () -> "a cut inside a frame: " + what);
                assertQuietest(a.bytes(), layout, cuts[i], cuts[i + 1], maxSeconds, what);
            }
        }
    }

    /**
     * {@link ChannelSource}, each channel read to its end, on a layout made as the client makes it ({@link #layout}):
     * for a WAV a mono 44-byte header (parsed again by {@link WavHeader#read}), then exactly that channel's samples of
     * each whole frame the source holds; as many bytes as {@link ChannelSource#length} said when the source holds what
     * its length said, never more. And {@link AudioLayout#sample} decodes every sample of every whole frame. Prefix:
     * see {@link #layout}; k picks a channel to read besides the first and the last.
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "fact"})
    void channelSource(byte[] input) {
        Laid a = layout(new Input(input));
        if (a == null) {
            return;
        }
        AudioLayout layout = a.layout();
        byte[] bytes = a.bytes();
        int channels = layout.channels();
        int frame = layout.frameBytes();
        int bps = layout.bytesPerSample();
        long end = Math.min(layout.dataEnd(), bytes.length);
        long frames = end > layout.dataOffset() ? (end - layout.dataOffset()) / frame : 0;
        for (long f = 0; f < frames; f++) {
            int at = (int) (layout.dataOffset() + f * frame);
            for (int c = 0; c < channels; c++) {
                int v = layout.sample(bytes, at, c);
                int i = at + c * bps;
                if (bps == 2) {
                    assertEquals((short) ((bytes[i] & 0xff) | bytes[i + 1] << 8), v, "a 16-bit PCM sample");
                } else {
                    assertTrue(v >= -32768 && v <= 32767, () -> "a G.711 sample of " + v);
                }
            }
        }
        AudioSource whole = AudioSource.of(() -> new ByteArrayInputStream(bytes), a.fileName(), false, a.length());
        Set<Integer> picked = new LinkedHashSet<>(List.of(0, channels - 1, Integer.remainderUnsigned(a.k(), channels)));
        for (int c : picked) {
            ChannelSource mono = new ChannelSource(whole, layout, c);
            long declared = mono.length();
            byte[] out = typed(() -> readAll(mono)).value();
            if (out == null) {
                continue;
            }
            String what = "channel " + c + " of " + layout + ", " + bytes.length + " bytes said to be " + a.length();
            int header = layout.wav() == null ? 0 : 44;
            assertEquals(header + frames * bps, out.length, () -> "bytes read from " + what);
            if (bytes.length >= layout.dataEnd()) {
                assertEquals(declared, out.length, () -> "length() differs from the bytes read from " + what);
            } else {
                assertTrue(out.length <= declared, () -> "more bytes than length() said from " + what);
            }
            if (header > 0) {
                WavHeader h = WavHeader.read(out, header, -1);
                assertNotNull(h, () -> "no RIFF/WAVE header from " + what);
                assertEquals(1, h.channels(), () -> "channels of the header from " + what);
                assertEquals(layout.sampleRate(), h.sampleRate(), () -> "sample rate of the header from " + what);
                assertEquals(bps * 8, h.bitsPerSample(), () -> "bits of the header from " + what);
                assertEquals(44, h.dataOffset(), () -> "data offset of the header from " + what);
                assertEquals(bps == 2, h.isPcm16(), () -> "16-bit PCM header from " + what);
            }
            byte[] expected = new byte[(int) (frames * bps)];
            for (int f = 0; f < frames; f++) {
                System.arraycopy(bytes, (int) layout.dataOffset() + f * frame + c * bps, expected, f * bps, bps);
            }
            assertArrayEquals(expected, Arrays.copyOfRange(out, header, out.length), () -> "samples of " + what);
        }
    }

    /**
     * {@link ChannelSplit#merge} and {@link Rollover#merge}: transcripts built from {@link ServerMessage#parse}d
     * messages as a session builds them (created, results until status complete, metadata), one per channel or
     * part (each already created with a job id, as a session that ends was), merge without an exception: every segment kept, in time order with its channel and speaker (channels),
     * shifted by its part's offset (parts), a job id per part. Prefix: n (u8: 1 + n % 4 channels or parts); then a
     * message per line, its first byte picking the channel or part.
     */
    @FuzzTest(maxDuration = BUDGET, maxExecutions = RUNS)
    @DictionaryEntries({"\"type\"", "\"created\"", "\"status\"", "\"result\"", "\"metadata\"", "\"id\"",
            "\"transcript\"", "\"time_start\"", "\"time_end\"", "\"channel\"", "\"duration\"", "\"quota_used\"",
            "\"max_reached\"", "\"max_duration\"", "\"complete\"", "true", "null", "1e308", "-0.0"})
    void transcriptMerge(byte[] input) {
        Input in = new Input(input);
        int n = 1 + in.u8() % 4;
        List<JobResults> jobs = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            JobResults job = new JobResults();
            job.jobId("job-" + c); // a session ends only after a created message; the messages may send more
            jobs.add(job);
        }
        byte[] rest = in.rest();
        for (int at = 0, next; at < rest.length; at = next + 1) {
            next = at;
            while (next < rest.length && rest[next] != '\n') {
                next++;
            }
            if (next > at) {
                JobResults job = jobs.get((rest[at] & 0xff) % n);
                handle(job, ServerMessage.parse(new String(rest, at + 1, next - at - 1, StandardCharsets.UTF_8)));
            }
        }
        List<Transcript> transcripts = jobs.stream().map(JobResults::transcript).toList();
        int segments = transcripts.stream().mapToInt(t -> t.segments().size()).sum();
        StreamRequest request = StreamRequest.builder().apiKey("k").model("general")
                .channelNames(List.of("agent", "customer")).build();

        Transcript dialogue = ChannelSplit.merge(transcripts, request);
        assertEquals(segments, dialogue.segments().size(), "segments lost or added merging channels");
        for (int i = 0; i < segments; i++) {
            Segment s = dialogue.segments().get(i);
            assertTrue(s.channel() != null && s.channel() >= 0 && s.channel() < n, () -> "channel of " + s);
            assertEquals(request.speaker(s.channel()), s.speaker(), () -> "speaker of " + s);
            if (i > 0) {
                assertTrue(Double.compare(dialogue.segments().get(i - 1).start(), s.start()) <= 0,
                        () -> "segments out of time order: " + dialogue.segments());
            }
        }
        assertEquals(transcripts.stream().mapToInt(t -> t.jobIds().size()).sum(), dialogue.jobIds().size(), "job ids");

        List<TranscriptParts.Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new TranscriptParts.Part(i * 1000L, (i + 1) * 1000L, i * 60.0, transcripts.get(i)));
        }
        Transcript joined = Rollover.merge(parts);
        assertEquals(segments, joined.segments().size(), "segments lost or added merging parts");
        assertEquals(n, joined.jobIds().size(), "a job id per part");
        int i = 0;
        for (int p = 0; p < n; p++) {
            for (Segment s : transcripts.get(p).segments()) {
                Segment j = joined.segments().get(i++);
                assertEquals(s.start() + p * 60.0, j.start(), "a part's segment shifted by its offset");
                assertEquals(s.text(), j.text());
            }
        }
    }

    // ---- findings: each a plain test of the bytes that found it (@Disabled until main code is fixed) -------------

    /**
     * Found by {@link #mp3FrameAt} (input {@code ff ff ff ff 7f}: any-offset mode, offset 0x7fffffff, no bytes; now a
     * regression input in ParserFuzzTestInputs/mp3FrameAt/): the bound check {@code at + 4 > length} overflowed for an
     * offset within 3 of {@link Integer#MAX_VALUE}, so frameAt read {@code data[at]} and threw
     * ArrayIndexOutOfBoundsException instead of returning null. Fixed by comparing {@code at > length - 4}.
     */
    @Test
    void frameAtAnOffsetNearIntMaxIsNoFrame() {
        assertNull(Mp3Frames.frameAt(new byte[0], 0, Integer.MAX_VALUE));
        assertNull(Mp3Frames.frameAt(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0}, 4, Integer.MAX_VALUE - 2));
    }

    /**
     * Found by {@link #transcriptMerge} (ParserFuzzTestFindings/transcriptMerge/: {@code {"type":"created","hd":...}},
     * a created message without an id): the session takes it (ServerReplies.handle: {@code job.jobId(c.jobId())},
     * also for a repeated created) and its transcript has a null job id; Rollover.merge puts each part's
     * {@code jobId()} in its list of ids, and Transcript's {@code List.copyOf} throws NullPointerException. Rollover
     * merges in finish(), inside the last part's whenCompleteAsync callback: the exception is lost and the whole
     * transcript's future never completes. (ChannelSplit.merge takes {@code jobIds()}, which leaves a missing id out.)
     */
    @Test
    void rolloverMergesAPartWhoseCreatedMessageHadNoId() {
        JobResults job = new JobResults();
        job.jobId(((ServerMessage.Created) ServerMessage.parse("{\"type\":\"created\"}")).jobId());
        job.addResult((ServerMessage.Result) ServerMessage.parse(
                "{\"type\":\"result\",\"transcript\":\"halo\",\"time_start\":0,\"time_end\":1}"));
        Transcript whole = Rollover.merge(List.of(new TranscriptParts.Part(0, 1000, 0, job.transcript()),
                new TranscriptParts.Part(1000, 2000, 60, job.transcript())));
        assertEquals("halo halo", whole.text());
        assertEquals(61, whole.segments().get(1).end());
    }

    /**
     * Found by {@link #cutPlanner} and {@link #channelSource} with any int for sampleRate and channels
     * (ParserFuzzTestFindings/cutPlanner/ and channelSource/crash-5506...): StreamRequest takes any positive sampleRate
     * and channels (also from the CamelProsaSttSampleRate and CamelProsaSttChannels headers), and raw audio's layout
     * multiplies them in int. CutPlanner.plan allocates its 20 ms block as {@code new byte[(int) blockBytes]} before
     * looking at the audio's length: NegativeArraySizeException at 1 MHz x 200 000 channels of μ-law (or 967 296 Hz x
     * 65 535 of s16le); ChannelSource's reader allocates {@code new byte[4096 * frameBytes]}: NegativeArraySizeException
     * at 262 144 channels of s16le (and 512 MiB per open at 65 536). Rollover wraps the first in "Cannot read the
     * audio..."; nothing wraps the second. A WAV cannot declare more than 65 535 channels nor more than 1 MHz.
     */
    @Test
    void rawAudioOfAbsurdRateAndChannelsIsRefusedTyped() throws IOException {
        byte[] audio = new byte[100];
        try {
            AudioLayout layout = rawLayout("pcm_mulaw", 1_000_000, 200_000, audio);
            assertArrayEquals(new long[] {0, 100}, CutPlanner.plan(new ByteArrayInputStream(audio), layout, 0, 3480));
        } catch (ProsaSttInvalidConfigurationException | ProsaSttInvalidInputException refused) {
            // a typed refusal is right too
        }
        try {
            AudioLayout layout = rawLayout("s16le", 8000, 262_144, audio);
            try (InputStream in = new ChannelSource(AudioSource.of(audio, null), layout, 0).open()) {
                assertEquals(0, in.readAllBytes().length, "no whole frame");
            }
        } catch (ProsaSttInvalidConfigurationException | ProsaSttInvalidInputException refused) {
            // a typed refusal is right too
        }
    }

    /**
     * Found by {@link #channelSource} (ParserFuzzTestFindings/channelSource/crash-88f6...: a WAV whose source says it is
     * 0 bytes long): when the source's length() is shorter than its WAV header (a file that grew after its size was
     * taken), AudioInspector reads the header from the first chunk, which holds the whole file, but AudioLayout.of ends
     * the samples at the said length, before they start (dataEnd &lt; dataOffset). ChannelSource.length() is then 44
     * plus a negative size (10 here; it can be -1, "unknown", or below 0), while open() gives the 44-byte header.
     */
    @Test
    void channelOfAWavSaidToBeShorterThanItsHeader() throws IOException {
        byte[] wav = HostileAudio.wav(HostileAudio.fmt(1, 1, 1000, 2000, 2, 16), HostileAudio.data(-1, 2)); // 46 bytes
        StreamRequest request = StreamRequest.builder().apiKey("k").model("general").splitChannels(true).build();
        AudioLayout layout;
        try {
            layout = AudioLayout.of(AudioInspector.inspect(wav, "call.wav", 10, request), request, 10);
        } catch (ProsaSttInvalidInputException refused) {
            return; // a typed refusal is right too
        }
        ChannelSource mono = new ChannelSource(AudioSource.of(() -> new ByteArrayInputStream(wav), "call.wav", false, 10),
                layout, 0);
        try (InputStream in = mono.open()) {
            assertEquals(mono.length(), in.readAllBytes().length, "length() of " + layout);
        }
    }

    private static AudioLayout rawLayout(String format, int rate, int channels, byte[] audio) {
        StreamRequest request = StreamRequest.builder().apiKey("k").model("general").audioFormat(format).sampleRate(rate)
                .channels(channels).build();
        return AudioLayout.of(AudioInspector.inspect(audio, null, audio.length, request), request, audio.length);
    }

    // ---- harness ----------------------------------------------------------------------------------------------

    /** Audio and how the client lays it out: its bytes, file name, the length it was said to have, the request. */
    record Laid(byte[] bytes, String fileName, long length, StreamRequest request, AudioLayout layout, int mode, int k) {
    }

    /**
     * The layout of the fuzz input's audio as the client makes it for rollover and splitChannels: the first chunk
     * read, {@link AudioInspector#inspect} (with the length the source said), {@link AudioLayout#of}; null where the
     * client refuses (typed) or does not cut. Prefix: format (u8, {@link #LAYOUT_FORMATS}), extension (u8), mode (u8:
     * bits 0-1 the length said: the true one, longer, shorter, any; bit 2 sampleRate set, bit 3 channels set, bit 4
     * any int for them, else a usual rate and 1-8 channels; bit 5 a first chunk of 1 + chunk bytes, else 16000; bit 6
     * any maxSessionDuration, else 0 for the default or up to 2 h), chunk (u16), rate (i32), channels (i32),
     * maxSessionDuration ms (i64), n (i64, for the length), k (i32, for the target).
     */
    static Laid layout(Input in) {
        String declared = LAYOUT_FORMATS.get(in.u8() % LAYOUT_FORMATS.size());
        String extension = EXTENSIONS.get(in.u8() % EXTENSIONS.size());
        int mode = in.u8();
        int chunk = in.u8() | in.u8() << 8;
        int rate = in.i32();
        int channels = in.i32();
        long maxMs = in.i64();
        long n = in.i64();
        int k = in.i32();
        byte[] bytes = in.rest();
        String fileName = extension == null ? null : "upload" + extension;
        long length = switch (mode & 3) {
            case 0 -> bytes.length;
            case 1 -> bytes.length + 1 + (n & 0xFFFFFFFFL); // the file shrank, or a size that lies
            case 2 -> bytes.length == 0 ? 0 : Long.remainderUnsigned(n, bytes.length); // the file grew since
            default -> n & Long.MAX_VALUE;
        };
        boolean any = (mode & 16) != 0;
        StreamRequest request;
        try {
            request = StreamRequest.builder().apiKey("k").model("general").audioFormat(declared)
                    .sampleRate((mode & 4) == 0 ? null : any ? rate : RATES[Integer.remainderUnsigned(rate, RATES.length)])
                    .channels((mode & 8) == 0 ? null : any ? channels : 1 + Integer.remainderUnsigned(channels, 8))
                    .chunkSize((mode & 32) == 0 ? 16000 : 1 + chunk)
                    .maxSessionDuration((mode & 64) != 0 ? maxMs
                            : maxMs == 0 ? StreamRequest.DEFAULT_MAX_SESSION_DURATION : Long.remainderUnsigned(maxMs, 7_200_000))
                    .build();
        } catch (ProsaSttException e) {
            return null; // refused by the builder: not the target
        }
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, request.chunkSize()));
        AudioInspector.Inspection i = typed(() -> AudioInspector.inspect(head, fileName, length, request)).value();
        if (i == null) {
            return null;
        }
        AudioLayout layout = AudioLayout.of(i, request, length);
        if (layout == null) {
            return null;
        }
        assertTrue(layout.channels() >= 1 && layout.sampleRate() >= 1 && layout.frameBytes() >= 1
                   && layout.dataOffset() >= 0 && layout.dataOffset() <= head.length, () -> "layout " + layout);
        return new Laid(bytes, fileName, length, request, layout, mode, k);
    }

    /** {@link CutPlanner#plan} over the bytes (an IOException is not a typed outcome: the bytes are in memory). */
    private static long[] plan(byte[] bytes, AudioLayout layout, long from, double maxSeconds) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return CutPlanner.plan(in, layout, from, maxSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The part {@code [start, cut)} ends in the quietest block of the window before its limit: {@link CutPlanner}'s
     * blocks of 20 ms from the window's start (a later block on a tie), cut at the block's middle frame.
     */
    private static void assertQuietest(byte[] bytes, AudioLayout layout, long start, long cut, double maxSeconds,
                                       String what) {
        long frame = layout.frameBytes();
        long block = Math.max(frame, layout.bytesFor(CutPlanner.BLOCK_SECONDS));
        long window = Math.max(block, layout.bytesFor(Math.min(CutPlanner.MAX_WINDOW_SECONDS, maxSeconds / 4)));
        long limit = start + layout.bytesFor(maxSeconds);
        long windowStart = Math.max(start + block, limit - window);
        long quietest = cut - block / 2 / frame * frame;
        assertTrue(quietest >= windowStart && quietest + block <= limit && (quietest - windowStart) % block == 0,
                () -> "a cut at " + cut + " outside the blocks of its window [" + windowStart + ", " + limit + "): " + what);
        long energy = energy(bytes, layout, quietest, block);
        for (long at = windowStart; at + block <= limit; at += block) {
            long e = energy(bytes, layout, at, block);
            long b = at;
            assertTrue(at < quietest ? e >= energy : at == quietest || e > energy,
                    () -> "the block at " + b + " (" + e + ") is quieter than the cut's at " + quietest + " (" + energy + "): " + what);
        }
    }

    private static long energy(byte[] bytes, AudioLayout layout, long at, long block) {
        return CutPlanner.energy(Arrays.copyOfRange(bytes, (int) at, (int) (at + block)), layout);
    }

    private static byte[] readAll(AudioSource source) {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a session does with a message, for its transcript (as {@code ServerReplies.handle}). */
    private static void handle(JobResults job, ServerMessage message) {
        if (message instanceof ServerMessage.Created c) {
            job.jobId(c.jobId());
        } else if (message instanceof ServerMessage.Status s && s.isComplete()) {
            job.markComplete();
        } else if (message instanceof ServerMessage.Partial p && !job.isComplete()) {
            job.newPartial(p.text());
        } else if (message instanceof ServerMessage.Result r && !job.isComplete()) {
            job.addResult(r);
        } else if (message instanceof ServerMessage.Metadata m) {
            job.metadata(m);
        }
    }

    /** A parser call. */
    @FunctionalInterface
    interface Parse<T> {
        T run();
    }

    /** What a parser gave: its value, or the typed exception that refused the input. */
    record Outcome<T>(T value, ProsaSttException refused) {
    }

    /**
     * Runs a parser: its value, or the {@link ProsaSttInvalidInputException} (with a message) it refused the input
     * with, or one of the {@code alsoTyped} exceptions where the parser documents them. Any other exception goes up
     * to Jazzer as a finding, and so does an input slower than {@link #SLOW_MILLIS} twice in a row.
     */
    @SafeVarargs
    static <T> Outcome<T> typed(Parse<T> parse, Class<? extends ProsaSttException>... alsoTyped) {
        long start = System.nanoTime();
        Outcome<T> outcome = once(parse, alsoTyped);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (millis > SLOW_MILLIS) { // again: the first call may have loaded and compiled classes
            start = System.nanoTime();
            once(parse, alsoTyped);
            long again = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (again > SLOW_MILLIS) {
                fail("one input took " + millis + " ms, then " + again + " ms: more than " + SLOW_MILLIS + " ms");
            }
        }
        return outcome;
    }

    @SafeVarargs
    private static <T> Outcome<T> once(Parse<T> parse, Class<? extends ProsaSttException>... alsoTyped) {
        try {
            return new Outcome<>(parse.run(), null);
        } catch (ProsaSttException e) {
            boolean documented = e instanceof ProsaSttInvalidInputException
                                 || Arrays.stream(alsoTyped).anyMatch(c -> c.isInstance(e));
            if (!documented) {
                throw e;
            }
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal without a message");
            return new Outcome<>(null, e);
        }
    }

    /** Reads a target's parameters from the front of an input (0 once it runs out); the rest is the file. */
    static final class Input {
        private final byte[] bytes;
        private int at;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int u8() {
            return at < bytes.length ? bytes[at++] & 0xff : 0;
        }

        int i32() {
            return u8() | u8() << 8 | u8() << 16 | u8() << 24;
        }

        long i64() {
            return (i32() & 0xFFFFFFFFL) | (long) i32() << 32;
        }

        byte[] rest() {
            return Arrays.copyOfRange(bytes, at, bytes.length);
        }
    }
}
