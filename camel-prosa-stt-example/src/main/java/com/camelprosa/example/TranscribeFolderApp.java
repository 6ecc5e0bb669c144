package com.camelprosa.example;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.main.Main;

/**
 * Transcribes every audio file dropped in {@code <dir>/in} to {@code <dir>/out/<name>.txt}. With PROSA_API_KEY set
 * it uses the real Prosa service; without, it starts the Prosa STT emulator in-process and transcribes the shipped
 * sample, offline. By default it handles the files present and exits; {@code --watch} keeps it running.
 * <p>
 * Settings: PROSA_API_KEY (environment), {@code -Dprosa.example.dir} (default {@code target/example}),
 * {@code -Dprosa.url} (another Prosa-compatible server).
 */
public final class TranscribeFolderApp {

    static final String SAMPLE = "call-center.wav";
    private static final String OFFLINE_KEY = "offline-emulator-key";
    /** Held so the level sticks: Tyrus and Grizzly log to java.util.logging, chattily at INFO. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private TranscribeFolderApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("prosa.example.dir", "target/example")).toAbsolutePath();
        boolean watch = List.of(args).contains("--watch");
        int failed = run(dir, System.getenv("PROSA_API_KEY"), System.getProperty("prosa.url"), watch);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs the example; returns the number of files that could not be transcribed. */
    static int run(Path dir, String apiKey, String url, boolean watch) throws Exception {
        GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = Files.createDirectories(dir.resolve("out"));
        boolean offline = apiKey == null || apiKey.isBlank();
        ProsaSttEmulator emulator = null;
        if (offline) {
            emulator = ProsaSttEmulator.builder().apiKey(OFFLINE_KEY).transcripts(sampleScript()).build().start();
            System.out.println("PROSA_API_KEY is not set: using the Prosa STT emulator at " + emulator.url());
        }
        if (audioFiles(in) == 0) {
            copySample(in);
        }
        int files = audioFiles(in);
        Main main = new Main();
        main.configure().addRoutesBuilder(new TranscribeFolderRoute(in, out));
        main.addInitialProperty("camel.main.name", "prosa-stt-example");
        main.addInitialProperty("camel.component.prosa-stt.api-key", offline ? OFFLINE_KEY : apiKey);
        if (emulator != null || url != null) {
            main.addInitialProperty("camel.component.prosa-stt.url", emulator != null ? emulator.url() : url);
        }
        if (!watch) {
            main.configure().withDurationMaxMessages(files).withDurationMaxIdleSeconds(60);
        }
        System.out.println("Transcribing " + files + " file(s) from " + in + (watch ? " (watching for more)" : ""));
        try {
            main.run();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
        return report(in, out);
    }

    private static int report(Path in, Path out) throws IOException {
        System.out.println("Transcripts are in " + out + ":");
        try (Stream<Path> texts = Files.list(out)) {
            for (Path text : texts.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                System.out.println("  " + text.getFileName() + ": " + Files.readString(text, StandardCharsets.UTF_8));
            }
        }
        Path errors = in.resolve(".error");
        int failed = 0;
        if (Files.isDirectory(errors)) {
            try (Stream<Path> bad = Files.list(errors)) {
                failed = (int) bad.count();
            }
        }
        if (failed > 0) {
            System.out.println(failed + " file(s) failed and were moved to " + errors + " (see the log for why)");
        }
        System.out.println("Originals were moved to " + in.resolve(".done"));
        return failed;
    }

    private static int audioFiles(Path in) throws IOException {
        try (Stream<Path> files = Files.list(in)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    private static void copySample(Path in) throws IOException {
        try (InputStream sample = TranscribeFolderApp.class.getResourceAsStream("/sample/" + SAMPLE)) {
            Files.copy(sample, in.resolve(SAMPLE), StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("Copied the sample " + SAMPLE + " into " + in);
    }

    static TranscriptScript sampleScript() throws IOException {
        try (InputStream json = TranscribeFolderApp.class.getResourceAsStream("/sample/call-center.transcript.json")) {
            return TranscriptScript.load(json);
        }
    }
}
