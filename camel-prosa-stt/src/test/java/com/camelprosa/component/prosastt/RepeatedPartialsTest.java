package com.camelprosa.component.prosastt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server repeats its hypothesis while it listens: a PARTIAL identical to the one before it is left out of the live
 * events by default (eventUri and outputType=stream), and kept with dropRepeatedPartials=false.
 */
class RepeatedPartialsTest extends EmulatorTestSupport {

    /** Two long words, sent in real time: the emulator sends a partial per chunk, repeating its words. */
    private static final byte[] TWO_LONG_WORDS = SyntheticAudio.wav(16000, 0.2, 2.0, 0.5, 1.5);

    private static ProsaSttEmulator live;
    private final List<TranscriptEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRealtimeEmulator() throws Exception {
        live = ProsaSttEmulator.builder().apiKey(API_KEY).realtime(true)
                .transcripts(TranscriptScript.of(LABEL, List.of("satu dua tiga", "empat lima"))).build().start();
    }

    @AfterAll
    static void stopRealtimeEmulator() {
        live.close();
    }

    private static String liveUri(String extra) {
        return uri("general", "includePartial=true&" + extra).replace(emulator.url(), live.url());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").process(e -> events.add(e.getMessage().getBody(TranscriptEvent.class)));
            }
        };
    }

    private static int repeats(List<TranscriptEvent> events) {
        int repeats = 0;
        for (int i = 1; i < events.size(); i++) {
            TranscriptEvent a = events.get(i - 1);
            TranscriptEvent b = events.get(i);
            if (a.type() == TranscriptEvent.Type.PARTIAL && b.type() == TranscriptEvent.Type.PARTIAL
                && a.text().equals(b.text())) {
                repeats++;
            }
        }
        return repeats;
    }

    private static List<String> finals(List<TranscriptEvent> events) {
        return events.stream().filter(e -> e.type() != TranscriptEvent.Type.PARTIAL).map(e -> e.type() + " " + e.text())
                .toList();
    }

    private List<TranscriptEvent> viaEventUri(String extra) {
        events.clear();
        Exchange out = send(liveUri("eventUri=direct:events" + extra), TWO_LONG_WORDS, Map.of(ProsaSttConstants.LABEL, LABEL));
        assertNull(out.getException());
        assertEquals("satu dua tiga empat lima", out.getMessage().getBody(String.class));
        return new ArrayList<>(events);
    }

    @Test
    void eventUriGetsNoPartialTwiceInARowByDefault() {
        List<TranscriptEvent> kept = viaEventUri("&dropRepeatedPartials=false");
        assertTrue(repeats(kept) > 0, "the emulator repeats its hypothesis: " + kept);
        List<TranscriptEvent> dropped = viaEventUri("");
        assertEquals(0, repeats(dropped), dropped.toString());
        assertTrue(dropped.stream().anyMatch(e -> e.type() == TranscriptEvent.Type.PARTIAL), dropped.toString());
        assertEquals(finals(kept), finals(dropped));
    }

    @Test
    void aStreamGetsNoPartialTwiceInARowByDefault() {
        TranscriptStream stream = template.requestBodyAndHeader(liveUri("outputType=stream"), TWO_LONG_WORDS,
                ProsaSttConstants.LABEL, LABEL, TranscriptStream.class);
        List<TranscriptEvent> read = new ArrayList<>();
        while (stream.hasNext()) {
            read.add(stream.next());
        }
        assertEquals(0, repeats(read), read.toString());
        assertEquals(TranscriptEvent.Type.END, read.get(read.size() - 1).type());
    }
}
