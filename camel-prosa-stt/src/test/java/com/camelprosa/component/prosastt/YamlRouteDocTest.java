package com.camelprosa.component.prosastt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.camelprosa.component.prosastt.support.AdocTables;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YAML route on the component's doc page runs as documented in a Camel Main application, configured only by the
 * documented properties ({@code camel.component.prosa-stt.*}): the same way the Spring Boot starter is configured.
 */
class YamlRouteDocTest {

    private static final String KEY = "yaml-doc-key";

    @TempDir
    Path work;

    /** The source block between {@code // tag::yaml-route[]} and {@code // end::yaml-route[]} in the adoc. */
    static String documentedYaml() throws Exception {
        String adoc = Files.readString(Path.of(AdocTables.ADOC), StandardCharsets.UTF_8);
        String tagged = adoc.substring(adoc.indexOf("// tag::yaml-route[]"), adoc.indexOf("// end::yaml-route[]"));
        int open = tagged.indexOf("----\n") + 5;
        return tagged.substring(open, tagged.indexOf("----\n", open));
    }

    @Test
    void documentedYamlRouteTranscribesAFileUnderCamelMain() throws Exception {
        String yaml = documentedYaml();
        assertTrue(yaml.contains("prosa-stt:general"), yaml);
        // Only the folders move (into this test's temporary directory); the route is the documented one.
        Path routeFile = work.resolve("transcribe.camel.yaml");
        Files.writeString(routeFile, yaml.replace("file:calls/", "file:" + work.resolve("calls") + "/"));
        byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.6, 0.5, 0.5);

        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY)
                .transcripts(TranscriptScript.of("call.wav", java.util.List.of("halo", "dunia"))).build().start()) {
            Main main = new Main();
            main.configure().withRoutesIncludePattern("file:" + routeFile);
            main.addInitialProperty("camel.component.prosa-stt.api-key", KEY);
            main.addInitialProperty("camel.component.prosa-stt.url", emulator.url());
            main.start();
            try {
                Path in = Files.createDirectories(work.resolve("calls/in"));
                Files.write(in.resolve("call.wav.tmp"), wav);
                Files.move(in.resolve("call.wav.tmp"), in.resolve("call.wav"));
                Path out = work.resolve("calls/out/call.txt");
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out) && Files.size(out) > 0);
                assertEquals("halo dunia", Files.readString(out));
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(in.resolve(".done/call.wav")));
                ProsaSttComponent component = main.getCamelContext().getComponent("prosa-stt", ProsaSttComponent.class);
                assertEquals(emulator.url(), component.getConfiguration().getUrl(), "set by property, as in Spring Boot");
            } finally {
                main.stop();
            }
        }
    }
}
