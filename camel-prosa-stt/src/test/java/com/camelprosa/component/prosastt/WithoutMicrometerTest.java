package com.camelprosa.component.prosastt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.WithoutMicrometerRun;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Micrometer is an optional dependency: in a JVM whose classpath lacks it (the test classpath without its jars), the
 * component transcribes and its dev console answers, with no meters and no error.
 */
class WithoutMicrometerTest {

    private static final String KEY = "sk-no-micrometer-test-key";

    @TempDir
    Path work;

    @Test
    void componentRunsWithoutMicrometerOnTheClasspath() throws Exception {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> classPath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            (entry.contains(File.separator + "micrometer") ? removed : classPath).add(entry);
        }
        assertFalse(removed.isEmpty(), "micrometer-core is on the test classpath: " + testClassPath);

        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY)
                .transcripts(TranscriptScript.of("one.wav", List.of("halo"))).build().start()) {
            Path console = work.resolve("console.txt");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, classPath),
                    WithoutMicrometerRun.class.getName(), emulator.url(), KEY)
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child JVM ended");
            String output = Files.readString(console);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("micrometer absent"), output);
            assertTrue(output.contains("transcript: halo"), output);
            assertTrue(output.contains("completed: 1"), output);
            assertFalse(output.contains("prosa.stt.") || output.contains("NoClassDefFoundError"), output);
        }
    }
}
