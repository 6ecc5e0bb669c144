package com.camelprosa.benchmark;

import java.util.List;

/**
 * A row of the benchmark's table: the component measured against a baseline taken in the same run, several times
 * after a warm-up, and the goal its ratio is held to. {@link ProsaSttBenchmark} picks rows by {@link #name()}.
 */
interface Row {

    /** Its name on the command line: {@code throughput}, {@code heap}... */
    String name();

    /** The goal the ratio (component / baseline) is held to. */
    Goal goal();

    /** Runs the row; its lines of the table (rows 4 and 5 also give 4b and 5b, held to the same goal). */
    List<RowResult> run(BenchContext bench) throws Exception;
}
