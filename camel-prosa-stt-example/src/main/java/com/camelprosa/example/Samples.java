package com.camelprosa.example;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.TranscriptScript;

/**
 * The shipped samples ({@code /sample/} in the jar, made by {@code scripts/make-sample.sh}) and their transcripts,
 * which the emulator says when a session's label names a sample.
 */
final class Samples {

    /** 10 s of spoken Indonesian, mono. */
    static final String MONO = "call-center.wav";
    /** A stereo call, agent on the left channel and customer on the right ({@link StereoCallRoutes}). */
    static final String STEREO = "call-stereo.wav";

    private Samples() {
    }

    /** Copies a sample to {@code to}, replacing what is there. */
    static void copy(String sample, Path to) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/sample/" + sample)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The transcripts of both samples, for the emulator. */
    static TranscriptScript script() throws IOException {
        try (InputStream mono = Samples.class.getResourceAsStream("/sample/call-center.transcript.json");
             InputStream stereo = Samples.class.getResourceAsStream("/sample/call-stereo.transcript.json")) {
            return TranscriptScript.load(mono).with(TranscriptScript.load(stereo));
        }
    }

    /** The files an inbox consumer would pick up: regular files whose name does not start with a dot. */
    static int audioFiles(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return (int) files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        }
    }
}
