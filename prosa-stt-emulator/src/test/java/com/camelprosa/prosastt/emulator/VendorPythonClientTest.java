package com.camelprosa.prosastt.emulator;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vendor's own Python client (from its documentation, unchanged but for the URL) completes a session against the
 * emulator. Needs python3 with the websockets package ({@code .ci/run} installs Debian's python3-websockets).
 */
class VendorPythonClientTest {

    @TempDir
    Path work;

    @Test
    void vendorClientGetsResultsAndANormalClose() throws Exception {
        String python = pythonWithWebsockets();
        assumeTrue(python != null, "python3 with websockets is not installed");
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder()
                .transcripts(TranscriptScript.of("Streaming Test", List.of("halo", "apa kabar"))).build().start();
             InputStream script = getClass().getResourceAsStream("/vendor/prosa_stream_example.py")) {
            String source = new String(script.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("wss://s-api.prosa.ai/v2/speech/stt", emulator.url());
            Files.writeString(work.resolve("client.py"), source);
            Files.write(work.resolve("audio_file.mp3"), SyntheticAudio.wav(16000, 0.2, 0.8, 0.6, 0.9));

            Process p = new ProcessBuilder(python, "client.py").directory(work.toFile()).redirectErrorStream(true)
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the vendor client did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(out.contains("'type': 'created'"), out);
            assertTrue(out.contains("{'type': 'result', 'transcript': 'halo'"), out);
            assertTrue(out.contains("'transcript': 'apa kabar'"), out);
            assertTrue(out.contains("'status': 'complete'"), out);
            assertTrue(out.contains("'type': 'metadata'"), out);
            // The vendor's receive loop has no exit: it ends on the server's normal close, as with the real service.
            assertTrue(out.contains("ConnectionClosedOK") && out.contains("1000"), out);
            assertEquals("header", emulator.sessions().get(0).authMode());
            assertEquals(null, emulator.sessions().get(0).protocolViolation());
        }
    }

    /** Debian's python3 first (where python3-websockets installs), then the one on the PATH. */
    private static String pythonWithWebsockets() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import websockets").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (Exception e) {
                // try the next one
            }
        }
        return null;
    }
}
