package com.camelprosa.component.prosastt;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.HostileAudio;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that lie about their sizes and layout, as a public upload form receives them: each ends at once with a typed
 * error that names the problem, before any connection (no session on the emulator), as a file, as bytes and as a
 * stream, with and without realtime pacing. The first of them used to hang an exchange for good at 100 % CPU.
 */
class HostileAudioTest extends EmulatorTestSupport {

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return HostileAudio.all().values().stream().flatMap(c -> Stream.of(false, true).map(rt -> Arguments.of(c, rt)));
    }

    @ParameterizedTest(name = "{0} realtime={1}")
    @MethodSource("cases")
    void refusedTypedBeforeAnyConnection(HostileAudio.Case hostile, boolean realtime) throws Exception {
        String uri = uri("general", realtime ? "realtime=true" : null);
        Path file = Files.write(dir.resolve(hostile.fileName()), hostile.bytes());
        int before = emulator.sessions().size();
        for (Object body : new Object[] {
                file.toFile(), hostile.bytes(), new ByteArrayInputStream(hostile.bytes()) }) {
            Exchange done = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> send(uri, body, Map.of(Exchange.FILE_NAME_ONLY, hostile.fileName())),
                    () -> hostile + " as " + body.getClass().getSimpleName() + " did not end");
            ProsaSttException e = assertInstanceOf(ProsaSttInvalidInputException.class, done.getException(),
                    () -> hostile + " as " + body.getClass().getSimpleName() + ": " + done.getException());
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains(hostile.expected()),
                    () -> hostile + " as " + body.getClass().getSimpleName() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was sent") || e.getMessage().contains("nothing was sent"),
                    e.getMessage());
        }
        assertEquals(before, emulator.sessions().size(), "no websocket was opened for " + hostile);
    }
}
