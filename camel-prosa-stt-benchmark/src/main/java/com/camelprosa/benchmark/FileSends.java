package com.camelprosa.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;

/** One whole WAV file sent as fast as the emulator reads it, by the component or by a bare loop; timed. */
final class FileSends {

    private FileSends() {
    }

    /** Through the component's route; nanoseconds until the exchange is done (the job confirmed). */
    static long component(BenchContext bench, Path wav) {
        long t = System.nanoTime();
        Exchange out = bench.template.send("direct:transcribe", e -> e.getMessage().setBody(wav.toFile()));
        long nanos = System.nanoTime() - t;
        BenchContext.check(out);
        return nanos;
    }

    /**
     * By a bare Tyrus loop ({@code chained}, {@code window} or {@code blocking}, see {@link BareTyrusClient});
     * nanoseconds until the job is confirmed (its metadata), as for the component.
     */
    static long bare(BenchContext bench, Path wav, String style) {
        try (var in = Files.newInputStream(wav)) {
            long t = System.nanoTime();
            BareTyrusClient.Run run = BareTyrusClient.open(bench.emulator.url(), "bare", false);
            switch (style) {
                case "chained" -> BareTyrusClient.uploadChained(run, in, 16000, 2).get(10, TimeUnit.MINUTES);
                case "window" -> BareTyrusClient.uploadWindow(run, in, 16000, 2);
                default -> BareTyrusClient.uploadBlocking(run, in, 16000);
            }
            long nanos = run.metadataAt.get(10, TimeUnit.MINUTES) - t;
            run.finish();
            if (run.results.get() == 0) {
                throw new IllegalStateException("the bare client got no results");
            }
            return nanos;
        } catch (Exception e) {
            throw new IllegalStateException("bare " + style + " failed", e);
        }
    }
}
