package com.camelprosa.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The folder join, run as a user runs it with --once: transcripts as .txt and .json, originals moved, a summary. */
class FilesRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void offlineRunTranscribesTheShippedSampleToTextAndJson() throws Exception {
        Console console = Console.create();
        int failed = new ExampleApp(once(null, null), console).runOnce(30_000);

        assertEquals(0, failed, console.text());
        assertEquals(String.join(" ", sampleSentences()), Files.readString(dir.resolve("out/call-center.txt")));
        JsonNode json = JSON.readTree(dir.resolve("out/call-center.json").toFile());
        assertEquals(3, json.get("segments").size(), json.toString());
        assertEquals(sampleSentences().get(0), json.at("/segments/0/text").asText());
        double start = json.at("/segments/0/start").asDouble();
        double end = json.at("/segments/0/end").asDouble();
        assertTrue(start >= 0 && end > start && json.at("/segments/1/start").asDouble() >= end, json.toString());
        assertTrue(json.get("jobId").asText().length() > 8, json.toString());
        String srt = Files.readString(dir.resolve("out/call-center.srt"));
        assertTrue(srt.startsWith("1\n00:00:"), srt);
        assertTrue(srt.contains(sampleSentences().get(0).split(" ")[0]), srt);
        assertTrue(Files.exists(dir.resolve("in/.done/call-center.wav")), "the audio is moved, never deleted");
        assertTrue(console.text().contains("ok     call-center.wav -> " + dir.resolve("out/call-center.txt") + ", "
                                           + dir.resolve("out/call-center.json")), console.text());
        assertTrue(console.text().contains("original moved to " + dir.resolve("in/.done/call-center.wav")),
                console.text());
    }

    @Test
    void summaryReportsOnlyThisRunsFilesAndWhereEachWent() throws Exception {
        String key = "sk-live-EXAMPLE-7e3d41-never-print";
        try (ProsaSttEmulator server = ProsaSttEmulator.builder().apiKey(key)
                .transcripts(Samples.script()).build().start()) {
            Files.createDirectories(dir.resolve("in"));
            copySample(dir.resolve("in/call-center.wav"));
            Files.write(dir.resolve("in/empty.wav"), new byte[0]);

            Console first = Console.create();
            assertEquals(1, new ExampleApp(once(key, server.url()), first).runOnce(30_000), first.text());
            assertTrue(Files.exists(dir.resolve("out/call-center.txt")));
            assertTrue(Files.exists(dir.resolve("in/.error/empty.wav")), "a failed file is kept in .error");
            assertTrue(first.text().contains("FAILED empty.wav: ProsaSttInvalidInputException"), first.text());
            assertTrue(first.text().contains("original moved to " + dir.resolve("in/.error/empty.wav")), first.text());
            assertTrue(first.text().contains("original moved to " + dir.resolve("in/.done/call-center.wav")),
                    first.text());

            // A second run with one new good file: last run's failure and transcripts are not this run's.
            copySample(dir.resolve("in/second.wav"));
            Console second = Console.create();
            assertEquals(0, new ExampleApp(once(key, server.url()), second).runOnce(30_000), second.text());
            assertTrue(second.text().contains("This run: 1 file(s) transcribed, 0 failed"), second.text());
            assertFalse(second.text().contains("empty.wav") || second.text().contains("call-center.txt"),
                    second.text());

            for (String printed : List.of(first.text(), second.text())) {
                assertFalse(printed.contains(key) || printed.contains("7e3d41"), printed);
            }
            try (Stream<Path> written = Files.walk(dir)) {
                for (Path file : written.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(content.contains(key), "key written to " + file);
                }
            }
        }
    }

    @Test
    void aFileIsNeverMovedOverAnEarlierFileOfTheSameName() throws Exception {
        Path done = Files.createDirectories(dir.resolve("in/.done"));
        Path error = Files.createDirectories(dir.resolve("in/.error"));
        Files.writeString(done.resolve("call-center.wav"), "an earlier call-center.wav");
        Files.writeString(error.resolve("note.wav"), "an earlier note.wav");
        copySample(dir.resolve("in/call-center.wav"));
        Files.writeString(dir.resolve("in/note.wav"), "a note, not audio");

        Console console = Console.create();
        assertEquals(1, new ExampleApp(once(null, null), console).runOnce(30_000), console.text());

        assertEquals("an earlier call-center.wav", Files.readString(done.resolve("call-center.wav")));
        assertEquals("an earlier note.wav", Files.readString(error.resolve("note.wav")));
        Path movedDone = only(done, "call-center-\\d{17}\\.wav");
        Path movedError = only(error, "note-\\d{17}\\.wav");
        try (var sample = FilesRouteTest.class.getResourceAsStream("/sample/call-center.wav")) {
            assertTrue(java.util.Arrays.equals(sample.readAllBytes(), Files.readAllBytes(movedDone)));
        }
        assertEquals("a note, not audio", Files.readString(movedError));
        assertTrue(console.text().contains("original moved to " + movedDone), console.text());
        assertTrue(console.text().contains("original moved to " + movedError), console.text());
    }

    @Test
    void anEarlierTranscriptOfTheSameNameIsNeverReplaced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("call-center.txt"), "an earlier transcript");
        copySample(Files.createDirectories(dir.resolve("in")).resolve("call-center.wav"));

        Console console = Console.create();
        assertEquals(0, new ExampleApp(once(null, null), console).runOnce(30_000), console.text());

        assertEquals("an earlier transcript", Files.readString(out.resolve("call-center.txt")));
        Path text = only(out, "call-center-\\d{17}\\.txt");
        assertEquals(String.join(" ", sampleSentences()), Files.readString(text));
        String base = text.getFileName().toString().replace(".txt", "");
        assertTrue(Files.exists(out.resolve(base + ".json")) && Files.exists(out.resolve(base + ".srt")));
        assertTrue(Files.exists(dir.resolve("in/.done/" + base + ".wav")), "the audio is moved under the same name");
        assertTrue(console.text().contains(text.toString()), console.text());
    }

    /** The one file in the folder whose name matches, besides the earlier one. */
    private static Path only(Path folder, String regex) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().matches(regex)).toList();
            assertEquals(1, matching.size(), folder + ": " + matching);
            return matching.get(0);
        }
    }

    private Options once(String key, String url) {
        return new Options(dir, key, url, true, Set.of("files"), 0, null, 0, null, "test");
    }

    private static void copySample(Path to) throws Exception {
        try (var in = FilesRouteTest.class.getResourceAsStream("/sample/call-center.wav")) {
            Files.copy(in, to);
        }
    }

    static List<String> sampleSentences() throws Exception {
        JsonNode root = JSON.readTree(FilesRouteTest.class.getResourceAsStream("/sample/call-center.transcript.json"));
        List<String> list = new ArrayList<>();
        root.get("call-center.wav").forEach(n -> list.add(n.asText()));
        return list;
    }
}
