package com.camelprosa.component.prosastt.support;

import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Camel tests against one real emulator on 127.0.0.1 per test class. */
public abstract class EmulatorTestSupport extends CamelTestSupport {

    /** Recognisable, so a scan of logs and messages can find any leak of it. */
    public static final String API_KEY = "sk-test-9f1c2e7a-SECRET-KEY-do-not-log";
    public static final String LABEL = "three-words.wav";
    public static final List<String> WORDS = List.of("selamat pagi", "apa kabar", "terima kasih");
    /** Three tone bursts at 0.5-1.3 s, 2.3-3.5 s and 4.5-5.1 s. */
    public static final byte[] THREE_WORDS_WAV = SyntheticAudio.wav(16000, 0.5, 1.0, 0.8, 1.2, 0.6);

    protected static ProsaSttEmulator emulator;

    @BeforeAll
    protected static void startEmulator() throws Exception {
        emulator = ProsaSttEmulator.builder().apiKey(API_KEY).transcripts(TranscriptScript.of(LABEL, WORDS)).build()
                .start();
    }

    @AfterAll
    protected static void stopEmulator() {
        emulator.close();
    }

    /** An endpoint URI on the emulator with the test key; extra is appended as further options. */
    protected static String uri(String model, String extra) {
        return "prosa-stt:" + model + "?url=" + emulator.url() + "&apiKey=RAW(" + API_KEY + ")"
               + (extra == null || extra.isEmpty() ? "" : "&" + extra);
    }

    /** What the emulator recorded of the most recent session. */
    protected static SessionRecord lastSession() {
        List<SessionRecord> all = emulator.sessions();
        return all.get(all.size() - 1);
    }

    protected Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    protected Exchange send(String uri, Object body) {
        return send(uri, body, Map.of(ProsaSttConstants.LABEL, LABEL));
    }
}
