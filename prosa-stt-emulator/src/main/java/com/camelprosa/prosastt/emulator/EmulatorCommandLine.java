package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The emulator as a program: {@code java -jar prosa-stt-emulator-*-all.jar [options]}, see {@link #USAGE}. */
final class EmulatorCommandLine {

    static final String USAGE = """
            Usage: java -jar prosa-stt-emulator-*-all.jar [options]
            A Prosa.ai-compatible streaming speech-to-text server on ws://HOST:PORT/v2/speech/stt, for tests and offline work.
              --host H                 address to bind (default 127.0.0.1)
              --port N                 port to listen on (default 8765; 0 picks a free one)
              --api-key K              the one key accepted (default: any non-empty key)
              --transcripts FILE       JSON {"label": ["segment 1", "segment 2", ...]}: the text for known samples
              --models a,b             model names that exist (default stt-general-online,stt-general); others close 4002
              --reject-at-upgrade      answer a wrong x-api-key header with HTTP 401 instead of close 4000
              --realtime               send each result no earlier than its end time in the audio
              --max-duration S         longest session in seconds of audio (default 3600.0), sent as max_duration
                                       (or one session: put [fault=max-duration:S] in its label)
              --max-duration-mode M    at the limit: stop (default) ends the session there, results up to it,
                                       status complete, metadata max_reached true, close 1000, while the client
                                       is still sending; truncate reads to the end frame but transcribes only up
                                       to the limit, then confirms with max_reached true
              --fault F                act out a fault in every session: close:CODE, quota, stall, stall-after-end,
                                       late:MS, noise, drop, slow:MS, huge:BYTES, garbage, max-duration:S
                                       (or one session: put [fault=F] in its label)
              -h, --help               print this and exit
            Results carry channel (0-based; WAV and s16le channels are segmented separately) and final: true.
            Each session ends with one log line: job id, auth mode, label, audio bytes, segments, close code.""";

    private EmulatorCommandLine() {
    }

    /**
     * The command line's options on a builder (port 8765 unless {@code --port}); {@code IllegalArgumentException} for an
     * unknown option, a missing value or a bad one.
     */
    static ProsaSttEmulator.Builder parse(String... args) throws IOException {
        Set<String> withValue = Set.of("--host", "--port", "--api-key", "--transcripts", "--fault", "--max-duration",
                "--max-duration-mode", "--models");
        ProsaSttEmulator.Builder b = ProsaSttEmulator.builder().port(8765);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--reject-at-upgrade")) {
                b.rejectBadKeyAtUpgrade(true);
                continue;
            }
            if (option.equals("--realtime")) {
                b.realtime(true);
                continue;
            }
            if (!withValue.contains(option)) {
                throw new IllegalArgumentException("Unknown argument: " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--host" -> b.host(value);
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--api-key" -> b.apiKey(value);
                    case "--transcripts" -> b.transcripts(TranscriptScript.load(Path.of(value)));
                    case "--fault" -> b.fault(value);
                    case "--max-duration" -> b.maxDuration(Double.parseDouble(value));
                    case "--max-duration-mode" -> b.maxDurationMode(value);
                    default -> b.models(Set.of(value.split(",")));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
            }
        }
        return b;
    }

    /** Runs the emulator until the JVM is stopped. */
    static void run(String[] args) throws Exception {
        // One line per log record (java.util.logging's default takes two), unless the user chose a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            System.exit(0);
        }
        ProsaSttEmulator.Builder b;
        try {
            b = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        ProsaSttEmulator emulator = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("Prosa STT emulator listening on " + emulator.url());
        stopped.await();
    }
}
