package com.camelprosa.component.prosastt;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.ProsaSttQuotaExceededException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.ProsaSttUnknownModelException;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureTest extends EmulatorTestSupport {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "close:4001, com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException, 4001, false",
            "close:4002, com.camelprosa.prosastt.client.ProsaSttUnknownModelException, 4002, false",
            "close:4005, com.camelprosa.prosastt.client.ProsaSttQuotaExceededException, 4005, false",
            "close:4029, com.camelprosa.prosastt.client.ProsaSttRateLimitedException, 4029, true",
            "close:1011, com.camelprosa.prosastt.client.ProsaSttConnectionException, 1011, true",
            "close:4000, com.camelprosa.prosastt.client.ProsaSttAuthenticationException, 4000, false" })
    void closeCodesBecomeTypedExceptions(String fault, String type, int code, boolean retryable) throws Exception {
        ProsaSttException e = failure(send(uri("general", null), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "x [fault=" + fault + "]")));

        assertEquals(Class.forName(type), e.getClass());
        assertEquals(code, e.getCloseCode());
        assertEquals("Emulated close " + code, e.getCloseReason());
        assertEquals(retryable, e.isRetryable());
        assertTrue(e.getMessage().contains("close " + code), e.getMessage());
    }

    @Test
    void wrongKeyIsAnAuthenticationFailureThatSaysWhatToDo() {
        ProsaSttException e = failure(send(uri("general", null).replace(API_KEY, "not-the-key"), THREE_WORDS_WAV));

        assertInstanceOf(ProsaSttAuthenticationException.class, e);
        assertEquals(4000, e.getCloseCode());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
    }

    @Test
    void unknownModelClose4002() {
        ProsaSttException e = failure(send(uri("klingon", null), THREE_WORDS_WAV));

        assertInstanceOf(ProsaSttUnknownModelException.class, e);
        assertTrue(e.getCloseReason().contains("stt-klingon-online"), e.getCloseReason());
    }

    @Test
    void quotaMessageMidStreamFailsWithQuotaExceeded() {
        ProsaSttException e = failure(send(uri("general", "chunkSize=4000"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "x [fault=quota]")));

        assertInstanceOf(ProsaSttQuotaExceededException.class, e, e::getMessage);
        assertFalse(e.isRetryable());
    }

    @Test
    void keyRefusedAtTheUpgradeIsAnAuthenticationFailure() throws Exception {
        try (ProsaSttEmulator strict = ProsaSttEmulator.builder().apiKey("another-key").rejectBadKeyAtUpgrade(true)
                .build().start()) {
            ProsaSttException e = failure(send(uri("general", null).replace(emulator.url(), strict.url()),
                    THREE_WORDS_WAV));

            assertInstanceOf(ProsaSttAuthenticationException.class, e);
            assertEquals("HTTP 401", e.getCloseReason());
            assertTrue(strict.sessions().isEmpty(), "no websocket session was opened");
        }
    }

    @Test
    void connectionRefusedIsARetryableConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + closedPort + ProsaSttEmulator.PATH;
        ProsaSttException e = failure(send(uri("general", null).replace(emulator.url(), url), THREE_WORDS_WAV));

        assertInstanceOf(ProsaSttConnectionException.class, e);
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("url option"), e.getMessage());
    }

    @Test
    void silentServerTimesOutWithinTheResponseTimeout() {
        long start = System.nanoTime();
        ProsaSttException e = failure(assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> send(uri("general", "responseTimeout=400"), THREE_WORDS_WAV,
                        Map.of(ProsaSttConstants.LABEL, "x [fault=stall]")),
                "times out within 5 s"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertInstanceOf(ProsaSttTimeoutException.class, e);
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("waiting for the server to create the job"), e.getMessage());
        assertTrue(tookMillis >= 400, "timed out after " + tookMillis + " ms, before the responseTimeout of 400 ms");
    }

    @Test
    void serverSilentAfterTheEndFrameTimesOut() {
        ProsaSttException e = failure(send(uri("general", "responseTimeout=400"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "x [fault=stall-after-end]")));

        assertInstanceOf(ProsaSttTimeoutException.class, e);
        assertTrue(e.getMessage().contains("waiting for the final results"), e.getMessage());
    }

    @Test
    void badInputFailsBeforeAnyConnection() throws Exception {
        int before = emulator.sessions().size();
        Path empty = Files.createFile(dir.resolve("empty.wav"));

        assertInvalid(send(uri("general", null), null), "body is null");
        assertInvalid(send(uri("general", null), new byte[0]), "audio is empty");
        assertInvalid(send(uri("general", null), empty.toFile()), "audio is empty (empty.wav)");
        assertInvalid(send(uri("general", null), new ByteArrayInputStream(new byte[0])), "audio is empty");
        assertInvalid(send(uri("general", null), "/tmp/some.wav"), "is text");
        assertInvalid(send(uri("general", null), new Object() {
        }), "Unsupported body type");
        assertEndpointRefused(uri("general", "audioFormat=s16le"), ProsaSttInvalidInputException.class,
                "needs its sample rate");
        assertInvalid(send(uri("general", null), THREE_WORDS_WAV, Map.of(ProsaSttConstants.AUDIO_FORMAT, "aiff")),
                "Unknown audio format 'aiff'");
        assertEndpointRefused("prosa-stt:general?url=" + emulator.url(), ProsaSttInvalidConfigurationException.class,
                "No API key");
        Path raw = Files.write(dir.resolve("call.pcm"), SyntheticAudio.pcm(16000, 0.1, 0.1, 0.3));
        assertInvalid(send(uri("general", null), raw.toFile(), Map.of()), "needs its sample rate");

        assertEquals(before, emulator.sessions().size(), "no websocket was opened for bad input");
    }

    @Test
    void unknownAudioFormatOptionFailsWhenTheEndpointStarts() {
        Exception e = assertThrows(Exception.class,
                () -> template.sendBody(uri("general", "audioFormat=aiff"), THREE_WORDS_WAV));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(ProsaSttInvalidInputException.class, root);
        assertTrue(root.getMessage().contains("auto, wav, mp3"), root.getMessage());
    }

    @Test
    void theRouteKeepsRunningAfterFailures() throws Exception {
        MockEndpoint failed = getMockEndpoint("mock:failed");
        MockEndpoint ok = getMockEndpoint("mock:ok");
        failed.expectedMessageCount(2);
        ok.expectedBodiesReceived(String.join(" ", WORDS));

        template.sendBody("direct:transcribe", new byte[0]);
        template.sendBodyAndHeader("direct:transcribe", THREE_WORDS_WAV, ProsaSttConstants.LABEL,
                "x [fault=close:4001]");
        template.sendBodyAndHeader("direct:transcribe", THREE_WORDS_WAV, ProsaSttConstants.LABEL, LABEL);

        MockEndpoint.assertIsSatisfied(context);
        assertInstanceOf(ProsaSttInvalidInputException.class,
                failed.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT));
        assertInstanceOf(ProsaSttInvalidConfigurationException.class,
                failed.getExchanges().get(1).getProperty(Exchange.EXCEPTION_CAUGHT));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(ProsaSttException.class).handled(true).to("mock:failed");
                from("direct:transcribe").to(uri("general", null)).to("mock:ok");
            }
        };
    }

    private static ProsaSttException failure(Exchange exchange) {
        return assertInstanceOf(ProsaSttException.class, exchange.getException(), "the exchange should have failed");
    }

    /** A static option that cannot work fails the endpoint's creation, naming the problem, before any exchange. */
    private void assertEndpointRefused(String uri, Class<? extends ProsaSttException> type, String expected) {
        Exception e = assertThrows(Exception.class, () -> template.sendBody(uri, THREE_WORDS_WAV));
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof ProsaSttException)) {
            root = root.getCause();
        }
        assertInstanceOf(type, root);
        assertTrue(root.getMessage().contains(expected), root.getMessage());
    }

    private static void assertInvalid(Exchange exchange, String expected) {
        ProsaSttException e = failure(exchange);
        assertInstanceOf(ProsaSttInvalidInputException.class, e);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
