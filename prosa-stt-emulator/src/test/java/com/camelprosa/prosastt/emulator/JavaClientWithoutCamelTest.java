package com.camelprosa.prosastt.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.AudioSource;
import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Using the Java client without Camel", run as written on a classpath that has no Camel at all (this
 * module's): the client is usable alone.
 */
class JavaClientWithoutCamelTest {

    private static final List<String> WORDS = List.of("selamat pagi", "apa kabar");
    private static ProsaSttEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = ProsaSttEmulator.builder().apiKey("client-key").transcripts(TranscriptScript.of("call.wav", WORDS))
                .build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void noCamelOnThisClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.camel.CamelContext"));
    }

    @Test
    void transcribeAndStreamAsTheReadmeShows(@TempDir Path dir) throws Exception {
        Path wav = Files.write(dir.resolve("call.wav"), SyntheticAudio.wav(16000, 0.3, 0.8, 1.0, 0.7));
        try (ProsaSttClient client = new ProsaSttClient()) {
            StreamRequest request = StreamRequest.builder()
                    .url(emulator.url())
                    .apiKey("client-key")
                    .model("stt-general-online")
                    .label("call.wav")
                    .includePartial(true)
                    .build();

            Transcript transcript = client.transcribe(request, AudioSource.of(wav)).get(30, TimeUnit.SECONDS);
            assertEquals(String.join(" ", WORDS), transcript.text());
            assertEquals(2, transcript.segments().size());

            List<TranscriptEvent> events = new ArrayList<>();
            try (TranscriptStream stream = client.stream(request, AudioSource.of(wav)).get(30, TimeUnit.SECONDS)) {
                while (stream.hasNext()) {
                    events.add(stream.next());
                }
            }
            assertEquals(TranscriptEvent.Type.END, events.get(events.size() - 1).type(), events.toString());
            assertEquals(WORDS, events.stream().filter(e -> e.type() == TranscriptEvent.Type.RESULT)
                    .map(TranscriptEvent::text).toList());
            assertTrue(events.stream().anyMatch(e -> e.type() == TranscriptEvent.Type.PARTIAL), events.toString());
        }
    }

    @Test
    void aWrongKeyIsATypedFailureOfTheFuture(@TempDir Path dir) throws Exception {
        Path wav = Files.write(dir.resolve("call.wav"), SyntheticAudio.wav(16000, 0.4, 0.8, 0.4));
        try (ProsaSttClient client = new ProsaSttClient()) {
            StreamRequest request = StreamRequest.builder().url(emulator.url()).apiKey("wrong")
                    .model("stt-general-online").build();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.transcribe(request, AudioSource.of(wav)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(ProsaSttAuthenticationException.class, e.getCause());
            assertTrue(!e.getCause().getMessage().contains("wrong"), "the key is never in a message");
        }
    }
}
