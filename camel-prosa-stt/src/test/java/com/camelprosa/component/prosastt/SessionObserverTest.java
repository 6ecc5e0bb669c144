package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.AudioSource;
import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.SessionObserver;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.junit.jupiter.api.Test;

import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.API_KEY;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.LABEL;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.THREE_WORDS_WAV;
import static com.camelprosa.component.prosastt.support.EmulatorTestSupport.WORDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain client's {@link SessionObserver}: its milestones in order, and an observer that throws changes nothing. */
class SessionObserverTest {

    /** Records each milestone as a word, with what it carries. */
    static final class Recording implements SessionObserver {
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile double audioSeconds = Double.NaN;
        volatile Duration connect;

        @Override
        public void started() {
            seen.add("started");
        }

        @Override
        public void created(String jobId, Duration connect) {
            this.connect = connect;
            seen.add("created");
        }

        @Override
        public void firstResult(String jobId, Duration sinceCreated) {
            seen.add("firstResult");
        }

        @Override
        public void confirmed(Transcript transcript, Duration sinceEndOfAudio, double audioSeconds) {
            this.audioSeconds = audioSeconds;
            seen.add("confirmed");
        }

        @Override
        public void failed(ProsaSttException error, double audioSeconds) {
            this.audioSeconds = audioSeconds;
            seen.add("failed " + error.getClass().getSimpleName());
        }
    }

    /** Throws from every milestone. */
    static final class Throwing implements SessionObserver {
        @Override
        public void started() {
            throw new IllegalStateException("started");
        }

        @Override
        public void created(String jobId, Duration connect) {
            throw new IllegalStateException("created");
        }

        @Override
        public void firstResult(String jobId, Duration sinceCreated) {
            throw new IllegalStateException("firstResult");
        }

        @Override
        public void confirmed(Transcript transcript, Duration sinceEndOfAudio, double audioSeconds) {
            throw new IllegalStateException("confirmed");
        }
    }

    @Test
    void milestonesComeInOrderOncePerSessionAndAThrowingObserverChangesNothing() throws Exception {
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(API_KEY)
                .transcripts(TranscriptScript.of(LABEL, WORDS)).build().start();
             ProsaSttClient client = new ProsaSttClient()) {
            StreamRequest base = StreamRequest.builder().url(emulator.url()).apiKey(API_KEY).model("stt-general-online")
                    .label(LABEL).responseTimeout(1000).build();

            Recording ok = new Recording();
            Transcript t = client.transcribe(base.toBuilder().observer(ok).build(), AudioSource.of(THREE_WORDS_WAV, null))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(String.join(" ", WORDS), t.text());
            assertEquals(List.of("started", "created", "firstResult", "confirmed"), ok.seen);
            // From the bytes sent at the WAV's byte rate: its 44-byte header adds 1.4 ms.
            assertEquals(THREE_WORDS_WAV.length / 32000.0, ok.audioSeconds, 1e-6);
            assertTrue(ok.connect.toNanos() > 0, ok.connect.toString());

            Recording stalled = new Recording();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.transcribe(
                    base.toBuilder().label("x [fault=stall]").observer(stalled).build(),
                    AudioSource.of(THREE_WORDS_WAV, null)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(ProsaSttTimeoutException.class, e.getCause());
            assertEquals(List.of("started", "failed ProsaSttTimeoutException"), stalled.seen);

            Transcript despite = client.transcribe(base.toBuilder().observer(new Throwing()).build(),
                    AudioSource.of(THREE_WORDS_WAV, null)).get(30, TimeUnit.SECONDS);
            assertEquals(t.text(), despite.text());
        }
    }
}
