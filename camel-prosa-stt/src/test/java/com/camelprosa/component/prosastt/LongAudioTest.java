package com.camelprosa.component.prosastt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttMaxDurationException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Audio longer than the server's maximum session, against emulators that enforce one (10 s) both ways a server may:
 * never a silent cut, never a paid retry loop; with rollover, one transcript equal to what one unlimited session gives.
 */
class LongAudioTest extends EmulatorTestSupport {

    /** 16 tone bursts of 0.8 s, 1 s apart: 29.3 s. */
    static final byte[] LONG_WAV = SyntheticAudio.wav(16000, 0.5, 1.0, bursts(16));
    /** 8 bursts: 14.9 s, the "15 s WAV" against a 10 s server. */
    static final byte[] FIFTEEN_S_WAV = SyntheticAudio.wav(16000, 0.5, 1.0, bursts(8));

    static ProsaSttEmulator stopping;
    static ProsaSttEmulator truncating;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startLimitedEmulators() throws Exception {
        stopping = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10)
                .maxDurationMode(ProsaSttEmulator.MaxDurationMode.STOP).build().start();
        truncating = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10)
                .maxDurationMode(ProsaSttEmulator.MaxDurationMode.TRUNCATE).build().start();
    }

    @AfterAll
    static void stopLimitedEmulators() {
        stopping.close();
        truncating.close();
    }

    static double[] bursts(int n) {
        double[] b = new double[n];
        java.util.Arrays.fill(b, 0.8);
        return b;
    }

    static String on(ProsaSttEmulator server, String extra) {
        return uri("general", extra).replace(emulator.url(), server.url());
    }

    /** Point 1: a server that stops at its maximum is never a success, and never a retryable error. */
    @ParameterizedTest
    @EnumSource(ProsaSttEmulator.MaxDurationMode.class)
    void audioLongerThanTheServerAllowsFailsNonRetryableWithoutRollover(ProsaSttEmulator.MaxDurationMode mode) {
        ProsaSttEmulator server = mode == ProsaSttEmulator.MaxDurationMode.STOP ? stopping : truncating;
        for (byte[] wav : List.of(FIFTEEN_S_WAV, LONG_WAV)) {
            Exchange out = send(on(server, "maxSessionDuration=0"), wav, Map.of());

            ProsaSttMaxDurationException e = assertInstanceOf(ProsaSttMaxDurationException.class, out.getException(),
                    () -> mode + ": " + out.getException());
            assertFalse(e.isRetryable(), "sending it again would be billed for the same first part");
            assertEquals(10.0, e.getMaxDuration());
            assertTrue(e.getMessage().contains("maximum session of 10.0 s") && e.getMessage().contains("maxSessionDuration"),
                    e.getMessage());
            assertNull(out.getMessage().getHeader(ProsaSttConstants.JOB_ID), "no transcript, no job id");
        }
    }

    /** Point 2: the same audio cut into sessions gives the segments one unlimited session gives, at the same times. */
    @Test
    void longAudioIsCutIntoSessionsAtQuietPointsAndMergedIntoOneTranscript() throws Exception {
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LONG_WAV, Transcript.class);
        int before = stopping.sessions().size();
        Path file = Files.write(dir.resolve("long.wav"), LONG_WAV);

        Exchange out = send(on(stopping, "outputType=transcript&maxSessionDuration=8s"), file.toFile(), Map.of());

        assertNull(out.getException());
        Transcript parted = out.getMessage().getBody(Transcript.class);
        List<SessionRecord> sessions = stopping.sessions().subList(before, stopping.sessions().size());
        assertEquals(4, sessions.size(), "29.3 s in parts of at most 8 s");
        assertEquals(4, out.getMessage().getHeader(ProsaSttConstants.PARTS));
        assertEquals(parted.jobIds(), out.getMessage().getHeader(ProsaSttConstants.JOB_IDS));
        assertEquals(sessions.stream().map(SessionRecord::jobId).toList(), parted.jobIds());
        assertTimesEqual(whole.segments(), parted.segments());
        assertEquals(whole.duration(), parted.duration(), 0.1);
        long audio = LONG_WAV.length - 44;
        assertEquals(audio + 44L * sessions.size(), sessions.stream().mapToLong(SessionRecord::audioBytesReceived).sum(),
                "every byte of audio sent once, plus one header per part");
        assertTrue(sessions.stream().noneMatch(SessionRecord::maxReached));
    }

    /** A failure in part 2 fails the exchange naming the part; the redelivery resumes there, so part 1 is billed once. */
    @Test
    void aRedeliveryResumesAtTheFailedPart() throws Exception {
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LONG_WAV, Transcript.class);
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(1);
        int before = stopping.sessions().size();
        stopping.failNext(1, "noise"); // part 1: harmless extras
        stopping.failNext(1, "close:1011"); // part 2: a server error

        template.sendBody("direct:redelivered", LONG_WAV);

        done.assertIsSatisfied();
        Exchange out = done.getExchanges().get(0);
        List<SessionRecord> sessions = stopping.sessions().subList(before, stopping.sessions().size());
        assertEquals(5, sessions.size(), "4 parts and the failed attempt at part 2");
        assertEquals(1011, sessions.get(1).closeCode());
        assertEquals(4, out.getMessage().getHeader(ProsaSttConstants.PARTS));
        List<String> confirmed = new ArrayList<>(List.of(sessions.get(0).jobId()));
        sessions.subList(2, 5).forEach(s -> confirmed.add(s.jobId()));
        assertEquals(confirmed, out.getMessage().getHeader(ProsaSttConstants.JOB_IDS));
        assertTimesEqual(whole.segments(), out.getMessage().getBody(Transcript.class).segments());
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).startsWith("In part 2 of 4 ("), failures.get(0));
    }

    /** Events run on across parts with absolute times, and one END comes after the last part. */
    @Test
    void eventsRunOnAcrossPartsWithOneEnd() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LONG_WAV, Transcript.class);
        events.expectedMessageCount(whole.segments().size() + 1);

        template.sendBody(on(stopping, "maxSessionDuration=8s&eventUri=mock:events"), LONG_WAV);

        events.assertIsSatisfied();
        List<TranscriptEvent> received = events.getExchanges().stream()
                .map(e -> e.getMessage().getBody(TranscriptEvent.class)).toList();
        assertEquals(TranscriptEvent.Type.END, received.get(received.size() - 1).type());
        assertEquals(1, received.stream().filter(e -> e.type() == TranscriptEvent.Type.END).count());
        List<Segment> asSegments = received.stream().filter(e -> e.type() == TranscriptEvent.Type.RESULT)
                .map(e -> new Segment(e.text(), e.start(), e.end())).toList();
        assertTimesEqual(whole.segments(), asSegments);
    }

    /** A server whose max_duration is below maxSessionDuration: after the first refusal, audio is cut at its figure. */
    @Test
    void aLowerServerMaximumIsLearnedAndUsedFromThenOn() throws Exception {
        try (ProsaSttEmulator low = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10).build().start()) {
            String url = on(low, "outputType=transcript").replace(stopping.url(), low.url());
            Exchange first = send(url, FIFTEEN_S_WAV, Map.of());
            assertInstanceOf(ProsaSttMaxDurationException.class, first.getException());

            Exchange second = send(url, FIFTEEN_S_WAV, Map.of());

            assertNull(second.getException());
            assertEquals(2, second.getMessage().getHeader(ProsaSttConstants.PARTS));
            assertTrue(low.sessions().stream().skip(1).noneMatch(SessionRecord::maxReached));
        }
    }

    /** FLAC and MP3 cannot be cut here: too long by their headers, they are refused before any quota is spent. */
    @Test
    void compressedAudioTooLongByItsHeaderIsRefusedBeforeAnyConnection() {
        int before = stopping.sessions().size();
        for (byte[] audio : List.of(flac(16000, 20 * 16000L), mp3Frames(766))) { // both 20 s
            Exchange out = send(on(stopping, "maxSessionDuration=8s"), audio, Map.of());

            ProsaSttMaxDurationException e = assertInstanceOf(ProsaSttMaxDurationException.class, out.getException());
            assertTrue(e.getMessage().contains("is not cut into sessions") && e.getMessage().contains("no quota was spent"),
                    e.getMessage());
        }
        assertEquals(before, stopping.sessions().size(), "no session opened");

        Exchange fits = send(on(stopping, "maxSessionDuration=8s"), mp3Frames(326), Map.of()); // 8.5 s: within 10 %
        assertNull(fits.getException(), () -> String.valueOf(fits.getException()));
    }

    /** A FLAC header (STREAMINFO: rate, mono, 16 bits, total samples), then filler standing for its frames. */
    static byte[] flac(int rate, long samples) {
        byte[] f = new byte[12_000];
        f[0] = 'f';
        f[1] = 'L';
        f[2] = 'a';
        f[3] = 'C';
        f[4] = (byte) 0x80; // last metadata block, type 0 (STREAMINFO)
        f[7] = 34;
        f[18] = (byte) (rate >> 12);
        f[19] = (byte) (rate >> 4);
        f[20] = (byte) ((rate & 0xf) << 4); // mono; 16 bits (15 = 0b01111: high bit here 0)
        f[21] = (byte) (0xf0 | (int) ((samples >> 32) & 0xf));
        f[22] = (byte) (samples >> 24);
        f[23] = (byte) (samples >> 16);
        f[24] = (byte) (samples >> 8);
        f[25] = (byte) samples;
        for (int i = 42; i < f.length; i++) {
            f[i] = (byte) (i * 31 + 7);
        }
        return f;
    }

    /** An empty ID3 tag, then {@code n} MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz (26 ms each). */
    static byte[] mp3Frames(int n) {
        byte[] mp3 = new byte[10 + 417 * n];
        mp3[0] = 'I';
        mp3[1] = 'D';
        mp3[2] = '3';
        mp3[3] = 4;
        for (int at = 10; at < mp3.length; at += 417) {
            mp3[at] = (byte) 0xff;
            mp3[at + 1] = (byte) 0xfb;
            mp3[at + 2] = (byte) 0x90;
        }
        return mp3;
    }

    /** Point 3: the server's channel and its other fields of a result reach the segments and their JSON. */
    @Test
    void segmentsKeepTheServersChannelAndOtherFields() {
        Transcript t = template.requestBody(uri("general", "outputType=transcript"), THREE_WORDS_WAV, Transcript.class);

        assertEquals(3, t.segments().size());
        for (Segment s : t.segments()) {
            assertEquals(0, s.channel(), "the emulator, as Prosa's REST results, names the channel");
            assertEquals(Map.of("final", true), s.fields());
        }
        String json = context.getTypeConverter().convertTo(String.class, new String(
                context.getTypeConverter().convertTo(byte[].class, t.segments()), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(json.contains("\"channel\":0") && json.contains("\"fields\":{\"final\":true}"), json);
    }

    static final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:redelivered")
                        .onException(ProsaSttConnectionException.class).maximumRedeliveries(2).redeliveryDelay(0)
                        .onRedelivery(e -> failures.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                        .end()
                        .to(on(stopping, "outputType=transcript&maxSessionDuration=8s")).to("mock:done");
            }
        };
    }

    private static void assertTimesEqual(List<Segment> expected, List<Segment> actual) {
        assertEquals(expected.size(), actual.size(), () -> "segments: " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).start(), actual.get(i).start(), 0.05, "start of segment " + i);
            assertEquals(expected.get(i).end(), actual.get(i).end(), 0.05, "end of segment " + i);
        }
    }
}
