package com.camelprosa.component.prosastt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route users write first: a folder of audio in, a folder of transcripts out. */
class FileRouteTest extends EmulatorTestSupport {

    private static final int FILES = 25;

    @TempDir
    static Path work;

    @Test
    void manyFilesThroughOneRoute() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(FILES).create();
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 0; i < FILES; i++) {
            // Same audio under the label the emulator knows, in sub-folders so names stay unique.
            Path sub = Files.createDirectories(in.resolve("call-" + i));
            Files.write(sub.resolve(LABEL), THREE_WORDS_WAV);
        }

        assertTrue(done.matches(60, TimeUnit.SECONDS), "all files transcribed");
        try (Stream<Path> out = Files.walk(work.resolve("out"))) {
            long count = out.filter(p -> p.toString().endsWith(".txt")).peek(p -> assertEquals(String.join(" ", WORDS),
                    read(p))).count();
            assertEquals(FILES, count);
        }
        try (Stream<Path> moved = Files.walk(in)) {
            assertEquals(FILES, moved.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals(".done")).count(),
                    "originals moved to .done, never deleted");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + work.resolve("in") + "?recursive=true&move=.done&moveFailed=.error&maxMessagesPerPoll=100")
                        .to(uri("general", null))
                        .setHeader("CamelFileName", simple("${file:name.noext}.txt"))
                        .to("file:" + work.resolve("out"));
            }
        };
    }
}
