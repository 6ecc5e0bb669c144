package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.API_KEY;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.LABEL;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.THREE_WORDS_WAV;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.WORDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters of docs/observability.md, recorded in a real {@code SimpleMeterRegistry} bound in a Camel Main
 * application, after a success, a refused key and a timeout against the emulator; and shown by the dev console.
 */
class MetricsTest {

    private static final String MODEL = "stt-general-online";
    /** Seconds of audio in the 16 kHz 16-bit mono WAV: its bytes after the 44-byte header. */
    private static final double AUDIO_SECONDS = (THREE_WORDS_WAV.length - 44) / 32000.0;

    @Test
    void successRefusedKeyAndTimeoutAreCountedTimedAndTaggedByModelAndEndpointWithoutTheKey() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(API_KEY)
                .transcripts(TranscriptScript.of(LABEL, WORDS)).build().start()) {
            // The key in the URIs on purpose: the endpoint tag must mask it.
            String good = "prosa-stt:general?url=" + emulator.url() + "&responseTimeout=1000&apiKey=RAW(" + API_KEY + ")";
            String refused = "prosa-stt:general?url=" + emulator.url() + "&apiKey=RAW(wrong-" + API_KEY + ")";
            Main main = new Main();
            main.bind("meters", registry);
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:good").to(good);
                    from("direct:refused").to(refused);
                }
            });
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                ProducerTemplate template = context.createProducerTemplate();
                Exchange success = send(template, "direct:good", LABEL);
                assertNull(success.getException());
                assertEquals(String.join(" ", WORDS), success.getMessage().getBody(String.class));
                assertInstanceOf(ProsaSttAuthenticationException.class,
                        send(template, "direct:refused", LABEL).getException());
                assertInstanceOf(ProsaSttTimeoutException.class,
                        send(template, "direct:good", "x [fault=stall]").getException());

                Tags goodEndpoint = Tags.of("model", MODEL, "endpoint", tagOf(registry, false));
                Tags refusedEndpoint = Tags.of("model", MODEL, "endpoint", tagOf(registry, true));
                assertTrue(goodEndpoint.stream().anyMatch(t -> t.getValue().contains("apiKey=xxxxxx")),
                        goodEndpoint.toString());

                assertEquals(1, count(registry, "prosa.stt.sessions", goodEndpoint.and("outcome", "success",
                        "exception", "none", "close.code", "none")));
                assertEquals(1, count(registry, "prosa.stt.sessions", refusedEndpoint.and("outcome", "failure",
                        "exception", "ProsaSttAuthenticationException", "close.code", "4000")));
                assertEquals(1, count(registry, "prosa.stt.sessions", goodEndpoint.and("outcome", "failure",
                        "exception", "ProsaSttTimeoutException", "close.code", "none")));
                assertEquals(1, registry.get("prosa.stt.session").tags(goodEndpoint).tag("outcome", "success")
                        .timer().count());
                assertEquals(3, registry.get("prosa.stt.sessions").counters().stream()
                        .mapToDouble(c -> c.count()).sum());

                assertEquals(2, count(registry, "prosa.stt.parts", goodEndpoint), "the success and the stalled one");
                assertEquals(1, count(registry, "prosa.stt.parts", refusedEndpoint));
                assertEquals(AUDIO_SECONDS, count(registry, "prosa.stt.audio.duration", goodEndpoint), 0.01,
                        "the whole audio of the success; none of the session that never got 'created'");
                assertEquals(AUDIO_SECONDS, count(registry, "prosa.stt.quota.used", goodEndpoint), 0.05,
                        "the emulator reports the audio's duration as quota_used");
                assertEquals(1, registry.get("prosa.stt.connect").tags(goodEndpoint).timer().count());
                assertTrue(registry.get("prosa.stt.connect").tags(goodEndpoint).timer()
                        .totalTime(TimeUnit.NANOSECONDS) > 0);
                assertEquals(1, registry.get("prosa.stt.first.result").tags(goodEndpoint).timer().count());
                assertEquals(1, registry.get("prosa.stt.confirmation").tags(goodEndpoint).timer().count());
                assertTrue(registry.find("prosa.stt.connect").tags(refusedEndpoint).timers().isEmpty(),
                        "a refused key never gets 'created'");
                assertEquals(0, registry.get("prosa.stt.sessions.open").tags(goodEndpoint).gauge().value());
                assertEquals(0, registry.get("prosa.stt.exchanges.waiting").tags(goodEndpoint).gauge().value());

                for (Meter meter : registry.getMeters()) {
                    String id = meter.getId().toString();
                    assertFalse(id.contains(API_KEY) || id.contains(API_KEY.substring(8, 24)), "the key in " + id);
                }

                DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("prosa-stt");
                String text = (String) console.call(DevConsole.MediaType.TEXT);
                assertTrue(text.contains("prosa.stt.sessions{close.code=none,exception=none,model=" + MODEL
                                         + ",outcome=success} {count=1.0}"), text);
                assertTrue(text.contains("prosa.stt.sessions{close.code=4000,exception=ProsaSttAuthenticationException"),
                        text);
                assertTrue(text.contains("prosa.stt.audio.duration{model=" + MODEL + "}"), text);
                assertFalse(text.contains(API_KEY.substring(8, 24)), text);
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
                assertTrue(String.valueOf(json).contains("prosa.stt.connect{model=" + MODEL + "}"), json.toString());
            } finally {
                main.stop();
            }
        }
        assertTrue(registry.find("prosa.stt.sessions.open").gauges().isEmpty(), "removed when the endpoints stopped");
    }

    @Test
    void eachPartOfLongAudioIsOneSessionAndItsAudioIsCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ProsaSttEmulator limited = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10)
                .maxDurationMode(ProsaSttEmulator.MaxDurationMode.STOP).build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("meters", registry);
            context.start();
            String uri = "prosa-stt:general?url=" + limited.url() + "&maxSessionDuration=8s&apiKey=RAW(" + API_KEY + ")";
            Exchange done = context.createProducerTemplate().send(uri,
                    e -> e.getMessage().setBody(LongAudioTest.FIFTEEN_S_WAV));
            assertNull(done.getException());
            int parts = done.getMessage().getHeader(ProsaSttConstants.PARTS, Integer.class);
            assertTrue(parts >= 2, "cut into " + parts);
            assertEquals(parts, registry.get("prosa.stt.parts").counter().count());
            assertEquals(parts, registry.get("prosa.stt.confirmation").timer().count());
            assertEquals(1, registry.get("prosa.stt.sessions").counter().count(), "one exchange");
            assertEquals((LongAudioTest.FIFTEEN_S_WAV.length - 44) / 32000.0,
                    registry.get("prosa.stt.audio.duration").counter().count(), 0.01, "every part's audio, once");
        }
    }

    @Test
    void gaugesShowTheOpenSessionAndTheExchangeWaitingForIt() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(API_KEY)
                .transcripts(TranscriptScript.of(LABEL, WORDS)).build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("meters", registry);
            context.start();
            String uri = "prosa-stt:general?url=" + emulator.url() + "&maxConcurrentStreams=1&responseTimeout=1500"
                         + "&apiKey=RAW(" + API_KEY + ")";
            ProducerTemplate template = context.createProducerTemplate();
            CompletableFuture<Exchange> stalled = template.asyncSend(uri, e -> {
                e.getMessage().setBody(THREE_WORDS_WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, "x [fault=stall]");
            });
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> registry.get("prosa.stt.sessions.open").gauge().value() == 1);
            CompletableFuture<Exchange> next = template.asyncSend(uri, e -> {
                e.getMessage().setBody(THREE_WORDS_WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            });
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> registry.get("prosa.stt.exchanges.waiting").gauge().value() == 1);

            assertInstanceOf(ProsaSttTimeoutException.class, stalled.get(30, TimeUnit.SECONDS)
                    .getException());
            assertNull(next.get(30, TimeUnit.SECONDS).getException());
            assertEquals(0, registry.get("prosa.stt.exchanges.waiting").gauge().value());
            assertEquals(0, registry.get("prosa.stt.sessions.open").gauge().value());
        }
    }

    private static Exchange send(ProducerTemplate template, String uri, String label) {
        return template.send(uri, e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, label);
        });
    }

    /** The endpoint tag of the good endpoint, or of the one with the refused key. */
    private static String tagOf(SimpleMeterRegistry registry, boolean refused) {
        List<String> tags = registry.find("prosa.stt.sessions.open").gauges().stream()
                .map(g -> g.getId().getTag("endpoint")).filter(t -> t.contains("responseTimeout") != refused).toList();
        assertEquals(1, tags.size(), tags.toString());
        assertNotNull(tags.get(0));
        return tags.get(0);
    }

    private static double count(SimpleMeterRegistry registry, String name, Tags tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
