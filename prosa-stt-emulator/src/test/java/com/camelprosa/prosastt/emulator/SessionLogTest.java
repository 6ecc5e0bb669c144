package com.camelprosa.prosastt.emulator;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each session ends with one INFO line saying what arrived, and never the key. */
class SessionLogTest {

    private static final String KEY = "sk-emulator-log-test-SECRET";
    private static final Logger LOG = Logger.getLogger(EmulatorSession.class.getName());
    private static final BlockingQueue<LogRecord> LINES = new LinkedBlockingQueue<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LINES.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static ProsaSttEmulator emulator;
    private static Level configured;

    @BeforeAll
    static void start() throws Exception {
        configured = LOG.getLevel();
        LOG.setLevel(Level.INFO); // the build's logging.properties keeps INFO out of its output
        LOG.setUseParentHandlers(false);
        LOG.addHandler(CAPTURE);
        emulator = ProsaSttEmulator.builder().apiKey(KEY)
                .transcripts(TranscriptScript.of("call.wav", List.of("selamat pagi", "terima kasih"))).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        LOG.removeHandler(CAPTURE);
        LOG.setUseParentHandlers(true);
        LOG.setLevel(configured);
    }

    @Test
    void aCompleteSessionLogsItsJobAuthLabelBytesSegmentsAndCloseCode() throws Exception {
        byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.8, 1.0, 0.7);
        try (RawClient c = RawClient.connect(emulator.url(), null)) {
            c.text("{\"token\":\"" + KEY + "\"}")
                    .text("{\"model\":\"stt-general-online\",\"label\":\"call.wav\",\"audio\":{\"format\":\"wav\"}}")
                    .binary(wav).binary(new byte[0]).awaitClose();
        }

        LogRecord line = next();
        String message = line.getMessage();
        assertEquals(Level.INFO, line.getLevel());
        String jobId = emulator.sessions().get(emulator.sessions().size() - 1).jobId();
        assertEquals("session " + jobId + ": auth message, label \"call.wav\", " + wav.length
                     + " bytes of audio, 2 segment(s), close 1000 Session complete", message);
    }

    @Test
    void aRefusedKeyIsLoggedWithoutTheKey() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), KEY + "-wrong")) {
            assertEquals(4000, c.awaitClose().getCloseCode().getCode());
        }

        String message = next().getMessage();
        assertTrue(message.startsWith("session (no job): auth none, label \"\", 0 bytes of audio (no end frame), "
                                      + "0 segment(s), close 4000"), message);
        assertFalse(message.contains("SECRET"), message);
    }

    private static LogRecord next() throws InterruptedException {
        LogRecord record = LINES.poll(10, TimeUnit.SECONDS);
        assertNotNull(record, "a line when the session closed");
        return record;
    }
}
