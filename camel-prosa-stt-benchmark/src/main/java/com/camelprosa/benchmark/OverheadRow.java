package com.camelprosa.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a row of the table (run it by name): the fixed cost of one session, whole, for a short file: component vs the
 * bare chained loop, interleaved. Tells whether row 1's gap is per session or per byte.
 */
final class OverheadRow implements Row {

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public Goal goal() {
        return Goal.none();
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        int sessions = bench.settings.integer("overheadSessions", 200, 50);
        double seconds = bench.settings.num("overheadAudioSeconds", 10, 10);
        Path wav = BenchContext.OUT.resolve("bench-overhead.wav");
        try (var in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, wav, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Double> comp = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = -sessions / 2; i < sessions; i++) { // the first third warms up
            double c = FileSends.component(bench, wav) / 1e6;
            double b = FileSends.bare(bench, wav, "chained") / 1e6;
            if (i >= 0) {
                comp.add(c);
                bare.add(b);
            }
        }
        return List.of(new RowResult("(overhead) one session of a " + Stats.fmt(seconds) + " s WAV file, whole, "
                                     + sessions + " each",
                "component p50 " + Stats.fmt(Stats.percentile(comp, 50)) + " ms, p90 " + Stats.fmt(Stats.percentile(comp, 90))
                + " ms; bare chained p50 " + Stats.fmt(Stats.percentile(bare, 50)) + " ms, p90 "
                + Stats.fmt(Stats.percentile(bare, 90)) + " ms", List.of(Stats.median(comp) / Stats.median(bare)),
                goal(), true));
    }
}
