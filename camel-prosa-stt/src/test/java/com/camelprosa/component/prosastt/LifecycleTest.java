package com.camelprosa.component.prosastt;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.Resources;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel's lifecycle: start, stop with work in flight, start again; every exchange ends exactly once. */
class LifecycleTest extends EmulatorTestSupport {

    @Test
    void stoppingWithOpenSessionsAndQueuedExchangesEndsEveryExchangeOnceAndLeavesNothing() throws Exception {
        send(uri("general", null), THREE_WORDS_WAV); // warm up: pools and the transport exist
        long fdsBefore = Resources.fileDescriptors();
        int sessionsBefore = emulator.sessions().size();
        String uri = uri("general", "maxConcurrentStreams=2&responseTimeout=60000&streamWaitTimeout=60000");
        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CompletableFuture<Exchange> f = template.asyncSend(uri, e -> {
                e.getMessage().setBody(THREE_WORDS_WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, "x [fault=stall]");
            });
            f.whenComplete((e, t) -> completions.incrementAndGet());
            sent.add(f);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.sessions().size() == sessionsBefore + 2);
        ProsaSttEndpoint endpoint = context.getEndpoint(uri, ProsaSttEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getLimiter().waiting() == 4);

        context.getShutdownStrategy().setTimeout(1);
        context.stop();

        for (CompletableFuture<Exchange> f : sent) {
            Exchange out = f.get(10, TimeUnit.SECONDS);
            ProsaSttException e = assertInstanceOf(ProsaSttException.class, out.getException());
            assertTrue(e.isRetryable(), e.getMessage());
        }
        assertEquals(6, completions.get(), "each exchange completed exactly once");
        assertEquals(sessionsBefore + 2, emulator.sessions().size(), "no session started after the stop began");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertEquals(List.of(), Resources.componentThreads(), "threads left after stop"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Resources.connectionsTo(emulator.port()) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> Resources.fileDescriptors() <= fdsBefore);
    }

    @Test
    void aContextStoppedAndStartedAgainTranscribes() throws Exception {
        assertNull(send(uri("general", "maxConcurrentStreams=1"), THREE_WORDS_WAV).getException());
        context.stop();
        context.start();
        // Camel forgets its components and endpoints when the context stops: a template made before the stop still
        // holds the stopped ones and is told what to do; a new one resolves the endpoint again.
        Exchange stale = send(uri("general", "maxConcurrentStreams=1"), THREE_WORDS_WAV);
        assertInstanceOf(ProsaSttConnectionException.class, stale.getException());
        assertTrue(stale.getException().getMessage().contains("resolve the endpoint again"), stale.getException().getMessage());
        try (ProducerTemplate fresh = context.createProducerTemplate()) {
            Exchange out = fresh.send(uri("general", "maxConcurrentStreams=1"), e -> {
                e.getMessage().setBody(THREE_WORDS_WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            });
            assertNull(out.getException());
            assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "url=http://127.0.0.1:1/v2|url",
            "url=ws://|url",
            "chunkSize=0|chunkSize",
            "connectTimeout=0|connectTimeout",
            "responseTimeout=-5|responseTimeout",
            "finalizeTimeout=0|finalizeTimeout",
            "streamWaitTimeout=0|streamWaitTimeout",
            "maxConcurrentStreams=-1|maxConcurrentStreams",
            "outputType=pdf|outputType",
            "authMode=cookie|authMode",
            "audioFormat=aiff|audio format",
            "eventUri=mock:events&outputType=stream|eventUri" })
    void impossibleOptionsFailWhenTheEndpointIsCreatedNamingTheOption(String options, String named) {
        String uri = options.startsWith("url=") ? "prosa-stt:general?apiKey=RAW(" + API_KEY + ")&" + options
                : uri("general", options);
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint(uri).start());
        String messages = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages += t.getMessage() + " | ";
        }
        assertTrue(messages.contains(named), messages);
        if (!options.startsWith("outputType") && !options.startsWith("authMode")) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof ProsaSttException)) {
                root = root.getCause();
            }
            assertTrue(root instanceof ProsaSttInvalidConfigurationException || root instanceof ProsaSttInvalidInputException,
                    root.toString());
        }
    }

    @Test
    void anExceptionFromTheAudioEndsTheExchangeAtOnceWithThatCauseAndFreesTheSlot() throws Exception {
        IllegalStateException boom = new IllegalStateException("microphone unplugged");
        InputStream failing = new InputStream() {
            private int reads;

            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (reads++ > 0) {
                    throw boom;
                }
                System.arraycopy(THREE_WORDS_WAV, 0, b, off, Math.min(len, 16000));
                return Math.min(len, 16000);
            }
        };
        String uri = uri("general", "maxConcurrentStreams=1&responseTimeout=20000");
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> send(uri, failing),
                "fails within 5 s, not at the responseTimeout");
        ProsaSttInvalidInputException e = assertInstanceOf(ProsaSttInvalidInputException.class, out.getException());
        assertSame(boom, e.getCause());
        assertNull(send(uri, THREE_WORDS_WAV).getException(), "the only session slot was released");
    }

    @Test
    void failuresKeepTheirCauseAndAreCleanSentences() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Exchange refused = send(uri("general", null).replace(emulator.url(), "ws://127.0.0.1:" + closedPort + "/x"),
                THREE_WORDS_WAV);
        ProsaSttConnectionException e = assertInstanceOf(ProsaSttConnectionException.class, refused.getException());
        assertNotNull(e.getCause(), "the connect failure's stack trace is kept");
        List<Exchange> failures = List.of(refused,
                send(uri("general", null), THREE_WORDS_WAV, Map.of(ProsaSttConstants.LABEL, "x [fault=close:1011]")),
                send(uri("general", "responseTimeout=300"), THREE_WORDS_WAV, Map.of(ProsaSttConstants.LABEL, "x [fault=stall]")),
                send(uri("general", null), THREE_WORDS_WAV, Map.of(ProsaSttConstants.LABEL, "x [fault=drop]")));
        for (Exchange f : failures) {
            String message = f.getException().getMessage();
            assertFalse(message.contains(".."), message);
            assertFalse(message.contains("\n"), message);
            assertTrue(message.endsWith("."), message);
        }
    }

    @Test
    void audioThatIsNotWhatItClaimsIsRefusedBeforeAnyConnection() throws Exception {
        int before = emulator.sessions().size();
        byte[] pcm = com.camelprosa.prosastt.emulator.SyntheticAudio.pcm(16000, 0.1, 0.1, 0.3);
        pcm[0] = (byte) 0xff; // a first sample of -1, as near-silence often starts: FF FF looks like an MP3 frame
        pcm[1] = (byte) 0xff;
        pcm[2] = (byte) 0xff;
        pcm[3] = (byte) 0xf1;
        assertRefused(send(uri("general", null), pcm, Map.of(ProsaSttConstants.LABEL, "call.pcm",
                Exchange.FILE_NAME_ONLY, "call.pcm")), "needs its sample rate");
        assertRefused(send(uri("general", null), "selamat pagi, ini bukan audio\n".repeat(20).getBytes(),
                Map.of(Exchange.FILE_NAME_ONLY, "notes.wav")), "is text, not audio");
        assertRefused(send(uri("general", null), com.camelprosa.prosastt.emulator.SyntheticAudio.wavHeader(16000, 1, 0),
                Map.of(Exchange.FILE_NAME_ONLY, "empty.wav")), "no samples");
        assertRefused(send(uri("general", null), pcm, Map.of(Exchange.FILE_NAME_ONLY, "call.flac")), "is not flac");
        assertEquals(before, emulator.sessions().size(), "no websocket was opened, no quota spent");
    }

    private static void assertRefused(Exchange out, String expected) {
        ProsaSttInvalidInputException e = assertInstanceOf(ProsaSttInvalidInputException.class, out.getException());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

}
