package com.camelprosa.prosastt.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which script a session's label picks, including one channel of a split call ("call.wav [agent]"). */
class TranscriptScriptTest {

    private final TranscriptScript script = TranscriptScript.of("call.wav", List.of("both"))
            .with(TranscriptScript.of("call.wav [agent]", List.of("agent line")));

    @Test
    void aChannelsOwnScriptWinsElseTheCallsScript() {
        assertEquals(List.of("agent line"), script.segmentsFor("call.wav [agent]"));
        assertEquals(List.of("both"), script.segmentsFor("call.wav [customer]"));
        assertEquals(List.of("both"), script.segmentsFor("in/call.wav [fault=slow:1] [channel 1]"));
        assertEquals(List.of(), script.segmentsFor("other.wav [agent]"));
    }
}
