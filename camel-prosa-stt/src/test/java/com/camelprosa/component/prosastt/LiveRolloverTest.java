package com.camelprosa.component.prosastt;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.LongAudioAttackRecorder;
import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call still in progress (a live InputStream of unknown length) longer than a session may be: cut as it comes at
 * quiet points, the next session connected before each cut, every byte in exactly one part.
 */
class LiveRolloverTest extends EmulatorTestSupport {

    static ProsaSttEmulator limited;

    @BeforeAll
    static void startLimited() throws Exception {
        limited = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10).build().start();
    }

    @AfterAll
    static void stopLimited() {
        limited.close();
    }

    /** The WAV as a live recorder hands it out: length unknown, as fast as it is read. */
    static InputStream live(byte[] wav) {
        return LongAudioAttackRecorder.fast(wav);
    }

    /** The WAV as a live recorder hands it out at {@code speed} times real time: a read waits for the call to go on. */
    static InputStream live(byte[] wav, int speed) {
        return LongAudioAttackRecorder.paced(wav, speed);
    }

    @Test
    void aLiveStreamIsCutAsItComesAndMergedLikeOneSession() throws Exception {
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LongAudioTest.LONG_WAV, Transcript.class);
        int before = limited.sessions().size();

        Exchange out = send(uri("general", "outputType=transcript&maxSessionDuration=8s").replace(emulator.url(),
                limited.url()), live(LongAudioTest.LONG_WAV, 4), Map.of());

        assertNull(out.getException());
        Transcript parted = out.getMessage().getBody(Transcript.class);
        List<SessionRecord> sessions = limited.sessions().subList(before, limited.sessions().size());
        assertTrue(sessions.size() >= 4, "29.3 s in parts of at most 8 s: " + sessions.size());
        assertEquals(sessions.size(), parted.jobIds().size());
        for (SessionRecord s : sessions) {
            assertTrue(s.audioBytesReceived() - 44 <= 8 * 32000, "a part longer than 8 s: " + s.audioBytesReceived());
            assertTrue(!s.maxReached());
        }
        assertEquals(LongAudioTest.LONG_WAV.length - 44 + 44L * sessions.size(),
                sessions.stream().mapToLong(SessionRecord::audioBytesReceived).sum(),
                "every byte of the live audio in exactly one part, plus one header per part");
        for (int k = 0; k + 1 < sessions.size(); k++) {
            assertTrue(sessions.get(k + 1).openedNanos() < sessions.get(k).endOfAudioNanos(),
                    "part " + (k + 2) + " was connected before part " + (k + 1) + " ended");
        }
        assertSameTimes(whole.segments(), parted.segments());
    }

    @Test
    void liveEventsRunOnAcrossPartsInOrderWithOneEnd() throws Exception {
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LongAudioTest.LONG_WAV, Transcript.class);
        MockEndpoint events = getMockEndpoint("mock:live-events");
        events.expectedMessageCount(whole.segments().size() + 1);

        template.sendBody(uri("general", "maxSessionDuration=8s&eventUri=mock:live-events").replace(emulator.url(),
                limited.url()), live(LongAudioTest.LONG_WAV));

        events.assertIsSatisfied();
        List<TranscriptEvent> got = events.getExchanges().stream().map(e -> e.getMessage().getBody(TranscriptEvent.class))
                .toList();
        assertEquals(TranscriptEvent.Type.END, got.get(got.size() - 1).type());
        assertSameTimes(whole.segments(), got.stream().filter(e -> e.type() == TranscriptEvent.Type.RESULT)
                .map(e -> new Segment(e.text(), e.start(), e.end())).toList());
    }

    @Test
    void aTranscriptStreamRunsOnAcrossParts() throws Exception {
        Transcript whole = template.requestBody(uri("general", "outputType=transcript&maxSessionDuration=0"),
                LongAudioTest.LONG_WAV, Transcript.class);

        TranscriptStream stream = template.requestBody(uri("general", "outputType=stream&maxSessionDuration=8s")
                .replace(emulator.url(), limited.url()), live(LongAudioTest.LONG_WAV), TranscriptStream.class);
        List<Segment> results = new ArrayList<>();
        int ends = 0;
        while (stream.hasNext()) {
            TranscriptEvent e = stream.next();
            if (e.type() == TranscriptEvent.Type.RESULT) {
                results.add(new Segment(e.text(), e.start(), e.end()));
            } else if (e.type() == TranscriptEvent.Type.END) {
                ends++;
            }
        }

        assertEquals(1, ends);
        assertSameTimes(whole.segments(), results);
        assertTrue(stream.completion().get().parts() >= 4);
    }

    @Test
    void aFailedPartFailsTheCallNamingThePartAndFreesEverything() throws Exception {
        try (ProsaSttEmulator own = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10).build().start()) {
            own.failNext(1, "noise"); // part 1: harmless extras
            own.failNext(1, "close:1011"); // part 2: a server error

            // paced: fed as fast as it is read, part 2 may connect (and take the first fault) before part 1
            Exchange out = send(uri("general", "maxSessionDuration=8s").replace(emulator.url(), own.url()),
                    live(LongAudioTest.LONG_WAV, 4), Map.of());

            ProsaSttException e = assertInstanceOf(ProsaSttConnectionException.class, out.getException());
            assertTrue(e.getMessage().matches("(?s)In part 2 \\(from [0-9.]+ s of the live audio\\): .*1011.*"),
                    e.getMessage());
            ProsaSttClient client = context.getComponent("prosa-stt", ProsaSttComponent.class).getClient();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.openSessions() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> own.sessions().stream().allMatch(SessionRecord::closed));
        }
    }

    static void assertSameTimes(List<Segment> expected, List<Segment> actual) {
        assertEquals(expected.size(), actual.size(), () -> expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).start(), actual.get(i).start(), 0.05, "start of segment " + i);
            assertEquals(expected.get(i).end(), actual.get(i).end(), 0.05, "end of segment " + i);
        }
    }
}
