package com.camelprosa.component.prosastt;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.ConnectProxy;
import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.Resources;
import com.camelprosa.component.prosastt.support.TestCertificates;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttProtocolException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults a real network and a real server produce, and the component's answer to each. */
class ReliabilityTest extends EmulatorTestSupport {

    private static final String JOINED = String.join(" ", WORDS);

    @TempDir
    Path dir;

    @Test
    void droppedConnectionWithoutCloseFrameIsRetryable() {
        Exchange out = send(uri("general", "responseTimeout=5000"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "x [fault=drop]"));

        ProsaSttException e = assertInstanceOf(ProsaSttConnectionException.class, out.getException());
        assertTrue(e.isRetryable());
        assertFalse(e.getMessage().contains("responseTimeout"), "ended by the drop, not the timeout: " + e.getMessage());
    }

    @Test
    void serverMessageLargerThanMaxMessageSizeFailsTheExchange() {
        Exchange out = send(uri("general", "maxMessageSize=10000"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "x [fault=huge:50000]"));

        ProsaSttException e = assertInstanceOf(ProsaSttProtocolException.class, out.getException(),
                () -> String.valueOf(out.getException()));
        assertTrue(e.getCloseCode() == 1009 || e.getCloseCode() == 1011, "Tyrus closes with 1009, or 1011 when a frame overflows");
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("maxMessageSize=10000"), e.getMessage());
    }

    @Test
    void nonJsonTextUnknownTypesAndUnknownFieldsAreIgnored() {
        for (String fault : List.of("garbage", "noise")) {
            Exchange out = send(uri("general", null), THREE_WORDS_WAV,
                    Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=" + fault + "]"));
            assertNull(out.getException(), fault);
            assertEquals(3, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT), fault);
        }
    }

    @Test
    void slowReaderServerStillGetsTheWholeAudio() {
        Exchange out = send(uri("general", "chunkSize=8000&responseTimeout=5000"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=slow:20]"));

        assertNull(out.getException());
        assertEquals(THREE_WORDS_WAV.length, lastSession().audioBytes());
    }

    @Test
    void rateLimitedExchangesAreRedeliveredWithTheWholeAudioForEveryBodyType() throws Exception {
        Path file = Files.write(dir.resolve(LABEL), THREE_WORDS_WAV);
        List<Object> bodies = List.of(THREE_WORDS_WAV, file.toFile(), new ByteArrayInputStream(THREE_WORDS_WAV));
        MockEndpoint ok = getMockEndpoint("mock:ok");
        ok.expectedBodiesReceived(JOINED, JOINED, JOINED);

        for (Object body : bodies) {
            int before = emulator.sessions().size();
            emulator.failNext(2, "close:4029");
            template.sendBodyAndHeader("direct:retry", body, ProsaSttConstants.LABEL, LABEL);

            List<SessionRecord> attempts = emulator.sessions().subList(before, emulator.sessions().size());
            assertEquals(3, attempts.size(), "two rate-limited attempts, then success, for " + body.getClass());
            assertEquals(4029, attempts.get(0).closeCode());
            assertEquals(THREE_WORDS_WAV.length, attempts.get(2).audioBytes(), "the whole audio, from its start");
        }
        ok.assertIsSatisfied();
    }

    @Test
    void stoppingTheContextMidStreamIsBoundedAndEndsTheSession() throws Exception {
        context.getShutdownStrategy().setTimeout(1);
        int before = emulator.sessions().size();
        CompletableFuture<Exchange> pending = template.asyncSend(uri("general", "responseTimeout=60000"),
                e -> {
                    e.getMessage().setBody(THREE_WORDS_WAV);
                    e.getMessage().setHeader(ProsaSttConstants.LABEL, "x [fault=stall]");
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.sessions().size() > before);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> context.stop(), "the context stops within 10 s");

        Exchange failed = pending.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ProsaSttConnectionException.class, failed.getException());
        assertTrue(failed.getException().getMessage().contains("shut down"), failed.getException().getMessage());
        // Every thread of this component ends with the context, Tyrus' shared I/O threads (prosa-stt-shared-io) too.
        await().atMost(Duration.ofSeconds(10)).until(() -> Resources.componentThreads().isEmpty());
    }

    @Test
    void tlsNeedsTrustAndAMatchingHostName() throws Exception {
        Path trusted = TestCertificates.keyStore(dir, "loopback", "ip:127.0.0.1,dns:localhost");
        Path otherHost = TestCertificates.keyStore(dir, "other", "dns:prosa.example");
        context.getRegistry().bind("trustLoopback", trustOnly(trusted));
        context.getRegistry().bind("trustOther", trustOnly(otherHost));

        try (ProsaSttEmulator tls = tlsEmulator(trusted)) {
            ProsaSttException untrusted = assertInstanceOf(ProsaSttConnectionException.class,
                    send(uri("general", null).replace(emulator.url(), tls.url()), THREE_WORDS_WAV).getException());
            assertTrue(untrusted.getMessage().contains("sslContextParameters"), untrusted.getMessage());
            assertFalse(untrusted.isRetryable());

            Exchange ok = send(uri("general", "sslContextParameters=#trustLoopback").replace(emulator.url(), tls.url()),
                    THREE_WORDS_WAV);
            assertNull(ok.getException());
            assertEquals(JOINED, ok.getMessage().getBody(String.class));
        }
        try (ProsaSttEmulator wrongName = tlsEmulator(otherHost)) {
            Exchange out = send(uri("general", "sslContextParameters=#trustOther").replace(emulator.url(),
                    wrongName.url()), THREE_WORDS_WAV);
            assertInstanceOf(ProsaSttConnectionException.class, out.getException(),
                    "a trusted certificate for another host name is refused");
        }
    }

    @Test
    void proxyOptionTunnelsTheWebsocketThroughAnHttpProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            Exchange out = send(uri("general", "proxy=" + proxy.uri()), THREE_WORDS_WAV);

            assertNull(out.getException());
            assertEquals(JOINED, out.getMessage().getBody(String.class));
            assertEquals(List.of("127.0.0.1:" + emulator.port()), proxy.tunnels);
        }
    }

    private static ProsaSttEmulator tlsEmulator(Path keyStore) throws Exception {
        return ProsaSttEmulator.builder().apiKey(API_KEY).transcripts(TranscriptScript.of(LABEL, WORDS))
                .tls(TestCertificates.serverContext(keyStore)).build().start();
    }

    private static SSLContextParameters trustOnly(Path store) {
        KeyStoreParameters ks = new KeyStoreParameters();
        ks.setResource("file:" + store);
        ks.setPassword(TestCertificates.PASSWORD);
        ks.setType("PKCS12");
        TrustManagersParameters tm = new TrustManagersParameters();
        tm.setKeyStore(ks);
        SSLContextParameters params = new SSLContextParameters();
        params.setTrustManagers(tm);
        return params;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(ProsaSttRateLimitedException.class).maximumRedeliveries(3).redeliveryDelay(10);
                from("direct:retry").streamCache("true").to(uri("general", null)).to("mock:ok");
            }
        };
    }

}
