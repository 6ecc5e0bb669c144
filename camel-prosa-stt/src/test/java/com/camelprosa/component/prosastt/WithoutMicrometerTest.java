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
 * component transcribes and its dev console answers, with no meters and no error. The same for camel-telemetry (the
 * tracing SPI of the span decorator).
 */
class WithoutMicrometerTest {

    private static final String KEY = "sk-no-micrometer-test-key";

    @TempDir
    Path work;

    @Test
    void componentRunsWithoutMicrometerOnTheClasspath() throws Exception {
        String output = runWithout("micrometer", entry -> entry.contains(File.separator + "micrometer"));
        assertTrue(output.contains("micrometer absent"), output);
        assertTrue(output.contains("transcript: halo"), output);
        assertTrue(output.contains("completed: 1"), output);
        assertFalse(output.contains("prosa.stt.") || output.contains("NoClassDefFoundError"), output);
    }

    /**
     * camel-telemetry is optional too: only its ServiceLoader loads ProsaSttSpanDecorator (named in the jar's
     * META-INF/services file), so without it the component never touches the class, which could not even load there.
     */
    @Test
    void componentRunsWithoutCamelTelemetryOnTheClasspath() throws Exception {
        String output = runWithout("camel-telemetry", entry -> entry.contains(File.separator + "camel-telemetry")
                                                             || entry.contains(File.separator + "camel-opentelemetry")
                                                             || entry.contains(File.separator + "opentelemetry"));
        assertTrue(output.contains("telemetry absent"), output);
        assertTrue(output.contains("span decorator service file present"), output);
        assertTrue(output.contains("span decorator unloadable: NoClassDefFoundError"), output);
        assertTrue(output.contains("transcript: halo"), output);
        assertTrue(output.contains("completed: 1"), output);
        assertEquals(1, output.split("NoClassDefFoundError", -1).length - 1, "only the deliberate load fails: " + output);
    }

    /** Runs {@link WithoutMicrometerRun} in a JVM with the test classpath minus the entries {@code dropped} matches. */
    private String runWithout(String what, java.util.function.Predicate<String> dropped) throws Exception {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> classPath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            (dropped.test(entry) ? removed : classPath).add(entry);
        }
        assertFalse(removed.isEmpty(), what + " is on the test classpath: " + testClassPath);

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
            return output;
        }
    }
}
