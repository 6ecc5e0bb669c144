package com.camelprosa.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The table, as printed and written to target/benchmark.md, and kept per run in target/bench: the table as
 * {@code benchmark-<time>.md} and each row's ratios as {@code ratios-<time>.tsv}, which {@link CompareRuns} reads.
 */
final class ResultTable {

    private final List<RowResult> rows = new ArrayList<>();

    void add(RowResult row) {
        rows.add(row);
        System.err.println(row.what() + ": " + row.measured() + " ratio " + row.ratio() + " → " + row.verdict());
    }

    /** Prints the table, each note below it as a list item, and writes them. */
    void write(List<String> notes) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| row | measured: median (min–max) over the runs | ratio: median (min–max) | goal | verdict |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (RowResult r : rows) {
            md.append("| ").append(r.what()).append(" | ").append(r.measured()).append(" | ").append(r.ratio())
                    .append(" | ").append(r.goal().text()).append(" | ").append(r.verdict()).append(" |\n");
        }
        md.append('\n');
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        System.out.print(md);
        Path out = Path.of("target", "benchmark.md");
        Files.writeString(out, md.toString());
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(BenchContext.OUT.resolve("benchmark-" + stamp + ".md"), md.toString());
        StringBuilder tsv = new StringBuilder();
        for (RowResult r : rows) {
            tsv.append(r.id()).append('\t').append(r.verdict());
            r.ratios().forEach(v -> tsv.append('\t').append(v));
            tsv.append('\n');
        }
        Files.writeString(BenchContext.OUT.resolve("ratios-" + stamp + ".tsv"), tsv.toString());
        System.err.println("Written to " + out.toAbsolutePath() + "; JFR recordings and GC logs in "
                           + BenchContext.OUT.toAbsolutePath());
    }
}
