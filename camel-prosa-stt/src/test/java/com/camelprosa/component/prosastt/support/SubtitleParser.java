package com.camelprosa.component.prosastt.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads subtitle files with real parsers outside this project: Debian's python3-webvtt (webvtt-py) for WebVTT and
 * python3-srt for SubRip, run by Debian's own Python. A test that needs one is skipped, saying what to install, where
 * the package is missing (CI installs both).
 */
public final class SubtitleParser {

    private static final String PYTHON = "/usr/bin/python3";

    /** A cue as the parser read it: times in seconds, the text as written (WebVTT with its tags). */
    public record ParsedCue(double start, double end, String text) {
    }

    private static final String VTT = """
            import json, sys, webvtt
            print(json.dumps([{"start": c.start_in_seconds, "end": c.end_in_seconds, "text": c.raw_text}
                              for c in webvtt.read(sys.argv[1])]))
            """;
    private static final String SRT = """
            import json, sys, srt
            with open(sys.argv[1], encoding="utf-8") as f:
                cues = list(srt.parse(f.read()))  # raises SRTParseError on anything that is not a cue
            print(json.dumps([{"start": c.start.total_seconds(), "end": c.end.total_seconds(), "text": c.content}
                              for c in cues]))
            """;

    private SubtitleParser() {
    }

    public static List<ParsedCue> vtt(Path file) throws Exception {
        assumeModule("webvtt", "python3-webvtt");
        return run(VTT, file);
    }

    public static List<ParsedCue> srt(Path file) throws Exception {
        assumeModule("srt", "python3-srt");
        return run(SRT, file);
    }

    private static void assumeModule(String module, String debianPackage) throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON)) && exec(PYTHON, "-c", "import " + module).exit == 0;
        assumeTrue(present, "No " + module + " module for " + PYTHON + ": apt-get install -y " + debianPackage);
    }

    private static List<ParsedCue> run(String script, Path file) throws Exception {
        Result r = exec(PYTHON, "-c", script, file.toString());
        if (r.exit != 0) {
            throw new AssertionError("The parser refused " + file + ":\n" + r.output + "\n" + Files.readString(file));
        }
        return new ObjectMapper().readValue(r.output, new TypeReference<List<ParsedCue>>() {
        });
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("The parser did not end within 60 s: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), output);
    }
}
