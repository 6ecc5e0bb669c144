package com.camelprosa.component.prosastt;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.API_KEY;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.LABEL;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.THREE_WORDS_WAV;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.WORDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code prosa-stt} span of docs/observability.md: a Camel application traced by camel-opentelemetry2, with an
 * OpenTelemetry SDK exporting to memory, transcribes against the emulator; the span of each exchange sent to
 * {@code prosa-stt} is a child of its route's span and carries model, job id(s), parts, audio seconds, outcome and
 * close code, and no span attribute or event holds the API key (in the endpoint URIs on purpose) or the transcript.
 */
class TracingTest {

    private static final Logger LOG = LoggerFactory.getLogger(TracingTest.class);
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    private static final AttributeKey<String> CAMEL_URI = AttributeKey.stringKey("camel.uri");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private ProsaSttEmulator emulator;
    private ProsaSttEmulator limited;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void tracedApplication() throws Exception {
        emulator = ProsaSttEmulator.builder().apiKey(API_KEY).transcripts(TranscriptScript.of(LABEL, WORDS)).build()
                .start();
        limited = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(10)
                .maxDurationMode(ProsaSttEmulator.MaxDurationMode.STOP).build().start();
        context = new DefaultCamelContext();
        // Found by type, as camel-opentelemetry2 looks them up: no GlobalOpenTelemetry is touched.
        context.getRegistry().bind("otelTracer", tracerProvider.get("camel-prosa-stt-test"));
        context.getRegistry().bind("otelPropagators", ContextPropagators.noop());
        new OpenTelemetryTracer().init(context);
        String key = "&apiKey=RAW(" + API_KEY + ")";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transcribe").routeId("transcribe").to("prosa-stt:general?url=" + emulator.url() + key);
                from("direct:refused").routeId("refused")
                        .to("prosa-stt:general?url=" + emulator.url() + "&apiKey=RAW(wrong-" + API_KEY + ")");
                from("direct:long").routeId("long")
                        .to("prosa-stt:general?url=" + limited.url() + "&maxSessionDuration=8s" + key);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        tracerProvider.close();
        emulator.close();
        limited.close();
    }

    @Test
    void successIsASpanUnderTheRouteSpanWithModelJobPartsAudioAndOutcome() {
        Exchange done = template.send("direct:transcribe", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });
        assertNull(done.getException());
        String jobId = done.getMessage().getHeader(ProsaSttConstants.JOB_ID, String.class);

        SpanData prosa = prosaSpanOf("transcribe");
        Map<String, String> a = attributes(prosa);
        assertEquals("prosa-stt", prosa.getName());
        assertEquals("stt-general-online", a.get(ProsaSttSpanDecorator.MODEL));
        assertEquals(jobId, a.get(ProsaSttSpanDecorator.JOB_ID));
        assertEquals(jobId, a.get(ProsaSttSpanDecorator.JOB_IDS));
        assertEquals("1", a.get(ProsaSttSpanDecorator.PARTS));
        assertEquals(done.getMessage().getHeader(ProsaSttConstants.DURATION, Double.class),
                Double.parseDouble(a.get(ProsaSttSpanDecorator.AUDIO_DURATION)));
        assertEquals((THREE_WORDS_WAV.length - 44) / 32000.0, Double.parseDouble(a.get(ProsaSttSpanDecorator.AUDIO_DURATION)),
                0.1, "the WAV's seconds, as the server reports them");
        assertEquals("success", a.get(ProsaSttSpanDecorator.OUTCOME));
        assertFalse(a.containsKey(ProsaSttSpanDecorator.EXCEPTION) || a.containsKey(ProsaSttSpanDecorator.CLOSE_CODE), a.toString());
        assertEquals("camel-prosa-stt", a.get("component"));
        assertTrue(a.get("camel.uri").contains("apiKey=xxxxxx"), a.get("camel.uri"));
        assertTrue(a.get("url.query").contains("apiKey=xxxxxx"), a.get("url.query"));
        assertEquals(StatusCode.UNSET, prosa.getStatus().getStatusCode());
        assertNoSpanHoldsTheKeyOrTheTranscript();
    }

    @Test
    void refusedKeyIsAFailedSpanWithTheExceptionAndCloseCode() {
        Exchange done = template.send("direct:refused", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });
        assertInstanceOf(ProsaSttAuthenticationException.class, done.getException());

        SpanData prosa = prosaSpanOf("refused");
        Map<String, String> a = attributes(prosa);
        assertEquals("stt-general-online", a.get(ProsaSttSpanDecorator.MODEL));
        assertEquals("failure", a.get(ProsaSttSpanDecorator.OUTCOME));
        assertEquals("ProsaSttAuthenticationException", a.get(ProsaSttSpanDecorator.EXCEPTION));
        assertEquals("4000", a.get(ProsaSttSpanDecorator.CLOSE_CODE));
        assertFalse(a.containsKey(ProsaSttSpanDecorator.JOB_ID), "no job was created: " + a);
        assertEquals("true", a.get("error"));
        assertEquals(StatusCode.ERROR, prosa.getStatus().getStatusCode());
        assertNoSpanHoldsTheKeyOrTheTranscript();
    }

    /** One span per exchange: the sessions of rolled-over audio are its parts and job ids. */
    @Test
    void rolledOverAudioIsOneSpanWithEveryPartsJobId() {
        Exchange done = template.send("direct:long", e -> e.getMessage().setBody(LongAudioTest.FIFTEEN_S_WAV));
        assertNull(done.getException());
        @SuppressWarnings("unchecked")
        List<String> jobIds = done.getMessage().getHeader(ProsaSttConstants.JOB_IDS, List.class);
        assertTrue(jobIds.size() >= 2, "cut into " + jobIds);

        Map<String, String> a = attributes(prosaSpanOf("long"));
        assertEquals(String.valueOf(jobIds.size()), a.get(ProsaSttSpanDecorator.PARTS));
        assertEquals(String.join(",", jobIds), a.get(ProsaSttSpanDecorator.JOB_IDS));
        assertEquals(jobIds.get(0), a.get(ProsaSttSpanDecorator.JOB_ID));
        assertEquals((LongAudioTest.FIFTEEN_S_WAV.length - 44) / 32000.0,
                Double.parseDouble(a.get(ProsaSttSpanDecorator.AUDIO_DURATION)), 0.1, "every part's audio");
        assertEquals("success", a.get(ProsaSttSpanDecorator.OUTCOME));
        assertNoSpanHoldsTheKeyOrTheTranscript();
    }

    /** The route's span (received from {@code direct:<route>}) and the one prosa-stt span under it, once all ended. */
    private SpanData prosaSpanOf(String route) {
        await().until(() -> exporter.getFinishedSpanItems().stream().anyMatch(s -> isRouteSpan(s, route)));
        List<SpanData> spans = exporter.getFinishedSpanItems();
        LOG.info("Spans of route {}:\n{}", route, dump(spans));
        SpanData routeSpan = spans.stream().filter(s -> isRouteSpan(s, route)).findFirst().orElseThrow();
        List<SpanData> prosa = spans.stream().filter(s -> s.getName().equals("prosa-stt")).toList();
        assertEquals(1, prosa.size(), dump(spans));
        assertEquals(routeSpan.getSpanId(), prosa.get(0).getParentSpanId(), "a child of the route's span");
        assertEquals(routeSpan.getTraceId(), prosa.get(0).getTraceId());
        return prosa.get(0);
    }

    private static boolean isRouteSpan(SpanData span, String route) {
        return "EVENT_RECEIVED".equals(span.getAttributes().get(OP))
               && ("direct://" + route).equals(span.getAttributes().get(CAMEL_URI));
    }

    private void assertNoSpanHoldsTheKeyOrTheTranscript() {
        List<SpanData> spans = exporter.getFinishedSpanItems();
        for (SpanData span : spans) {
            StringBuilder all = new StringBuilder(span.getName()).append(span.getAttributes());
            span.getEvents().forEach(e -> all.append(e.getName()).append(e.getAttributes()));
            String text = all.toString();
            assertFalse(text.contains(API_KEY), "the key in " + text);
            assertFalse(WORDS.stream().anyMatch(text::contains), "the transcript in " + text);
        }
    }

    private static Map<String, String> attributes(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), e -> String.valueOf(e.getValue())));
    }

    private static String dump(List<SpanData> spans) {
        Map<String, String> names = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
        return spans.stream().map(s -> "  " + s.getName() + " span=" + s.getSpanId() + " parent="
                                       + names.getOrDefault(s.getParentSpanId(), "-") + "/" + s.getParentSpanId()
                                       + " status=" + s.getStatus().getStatusCode() + " " + new java.util.TreeMap<>(attributes(s))
                                       + (s.getEvents().isEmpty() ? "" : " events=" + s.getEvents().stream()
                                               .map(e -> e.getName() + e.getAttributes()).toList()))
                .collect(Collectors.joining("\n"));
    }
}
