package com.camelprosa.component.prosastt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped sample through {@code prosa-stt:general} against the real Prosa service, in both auth modes, and a wrong
 * key. Run by Failsafe in {@code mvn verify} only when PROSA_API_KEY is set; skipped otherwise. {@code -Dprosa.url}
 * points it at another Prosa-compatible server (e.g. the emulator jar, to check the test itself).
 */
@EnabledIfEnvironmentVariable(named = "PROSA_API_KEY", matches = ".*\\S.*", disabledReason = "PROSA_API_KEY is not set")
class RealServiceIT extends CamelTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RealServiceIT.class);

    private static final String KEY = System.getenv("PROSA_API_KEY");
    private static final String URL = System.getProperty("prosa.url", "wss://s-api.prosa.ai/v2/speech/stt");
    private static final File SAMPLE = Path.of(System.getProperty("prosa.it.sample",
            "../camel-prosa-stt-example/src/main/resources/sample/call-center.wav")).toFile();
    /** The sample's length in seconds. */
    private static final double SAMPLE_SECONDS = 10.3;

    @ParameterizedTest
    @ValueSource(strings = { "header", "message" })
    void theSampleIsTranscribed(String authMode) throws Exception {
        assertTrue(Files.size(SAMPLE.toPath()) > 0, "the shipped sample at " + SAMPLE);

        Exchange out = transcribe("authMode=" + authMode + "&outputType=transcript", KEY);

        assertNull(out.getException(), () -> "failed: " + out.getException());
        Transcript t = out.getMessage().getBody(Transcript.class);
        LOG.info("[{}] {}: job {}, {} segment(s), {} s: {}", authMode, URL, t.jobId(), t.segments().size(),
                t.duration(), t.text());
        assertFalse(t.jobId() == null || t.jobId().isBlank(), "the service created a job");
        assertFalse(t.segments().isEmpty(), "speech was recognised");
        assertFalse(t.text().isBlank(), "the transcript has words");
        double previousEnd = 0;
        for (Segment s : t.segments()) {
            assertTrue(s.start() >= previousEnd - 0.01 && s.end() >= s.start() && s.end() <= SAMPLE_SECONDS + 1,
                    "segment times in order and within the audio: " + t.segments());
            previousEnd = s.end();
        }
        if (t.duration() != null) {
            assertEquals(SAMPLE_SECONDS, t.duration(), 1.0, "the duration the service measured");
        }
        assertEquals(t.text(), out.getMessage().getBody(String.class));
    }

    @Test
    void aWrongKeyIsRefusedWithClose4000() {
        Exchange out = transcribe("authMode=message", "not-a-valid-prosa-key");

        ProsaSttException e = assertInstanceOf(ProsaSttAuthenticationException.class, out.getException());
        assertEquals(4000, e.getCloseCode(), e::getMessage);
        assertFalse(e.isRetryable());
    }

    @Test
    void aWrongHeaderKeyIsAnAuthenticationFailure() {
        Exchange out = transcribe("authMode=header", "not-a-valid-prosa-key");

        // The service may close with 4000 or refuse the upgrade with HTTP 401/403: both are the same failure.
        ProsaSttException e = assertInstanceOf(ProsaSttAuthenticationException.class, out.getException());
        assertTrue(e.getCloseCode() == 4000 || String.valueOf(e.getCloseReason()).matches("HTTP 40[13]"), e::getMessage);
        assertFalse(e.isRetryable());
    }

    private Exchange transcribe(String options, String key) {
        return template.send("prosa-stt:general?url=" + URL + "&apiKey=RAW(" + key + ")&" + options, e -> {
            e.getMessage().setBody(SAMPLE);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, SAMPLE.getName());
        });
    }
}
