package com.camelprosa.benchmark;

import java.util.List;

/**
 * One line of the table: what was measured (median and spread over the runs), each run's ratio against its baseline,
 * the goal and whether it was met (the goal's bound, and whatever else the row requires, such as no failures).
 */
record RowResult(String what, String measured, List<Double> ratios, Goal goal, boolean met) {

    /** Met when the goal's bound is. */
    static RowResult of(String what, String measured, List<Double> ratios, Goal goal) {
        return new RowResult(what, measured, ratios, goal, goal.metBy(ratios));
    }

    /** The row's number as CompareRuns reads it: "1", "4b"... */
    String id() {
        return what.replaceAll("^(\\d+b?)\\..*", "$1");
    }

    String ratio() {
        return Stats.ratioSpread(ratios);
    }

    String verdict() {
        return goal.verdict(ratios, met);
    }
}
