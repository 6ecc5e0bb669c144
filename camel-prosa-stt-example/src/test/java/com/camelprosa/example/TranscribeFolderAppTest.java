package com.camelprosa.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscribeFolderAppTest {

    @TempDir
    Path dir;

    @Test
    void offlineRunTranscribesTheShippedSample() throws Exception {
        String console = capture(() -> assertEquals(0, TranscribeFolderApp.run(dir, null, null, false)));

        String expected = String.join(" ", sampleSentences());
        assertEquals(expected, Files.readString(dir.resolve("out/call-center.txt")));
        assertTrue(Files.exists(dir.resolve("in/.done/call-center.wav")), "the audio is moved, never deleted");
        assertTrue(console.contains("Transcripts are in " + dir.resolve("out")), console);
    }

    @Test
    void withAKeyTheKeyIsInNoOutputAndFailuresGoToError() throws Exception {
        String key = "sk-live-EXAMPLE-7e3d41-never-print";
        try (ProsaSttEmulator server = ProsaSttEmulator.builder().apiKey(key)
                .transcripts(TranscribeFolderApp.sampleScript()).build().start()) {
            Files.createDirectories(dir.resolve("in"));
            Files.copy(getClass().getResourceAsStream("/sample/call-center.wav"), dir.resolve("in/call-center.wav"));
            Files.write(dir.resolve("in/empty.wav"), new byte[0]);

            String[] console = new String[1];
            console[0] = capture(() -> assertEquals(1, TranscribeFolderApp.run(dir, key, server.url(), false)));

            assertTrue(Files.exists(dir.resolve("out/call-center.txt")));
            assertTrue(Files.exists(dir.resolve("in/.error/empty.wav")), "a failed file is kept in .error");
            assertFalse(console[0].contains(key) || console[0].contains("7e3d41"), console[0]);
            try (Stream<Path> written = Files.walk(dir)) {
                for (Path file : written.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(content.contains(key), "key written to " + file);
                }
            }
        }
    }

    private static List<String> sampleSentences() throws Exception {
        String json = new String(TranscribeFolderAppTest.class.getResourceAsStream("/sample/call-center.transcript.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        return toList(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("call-center.wav"));
    }

    private static List<String> toList(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    interface Body {
        void run() throws Exception;
    }

    private static String capture(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
