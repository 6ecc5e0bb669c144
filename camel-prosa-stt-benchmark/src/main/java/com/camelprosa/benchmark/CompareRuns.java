package com.camelprosa.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do two runs agree? For each row, whether each run's median ratio lies within the other run's min–max, and whether
 * both runs give the row the same verdict (goal met or missed).
 * Usage: {@code CompareRuns target/bench/ratios-A.tsv target/bench/ratios-B.tsv}.
 */
public final class CompareRuns {

    private CompareRuns() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<Double>> a = read(Path.of(args[0]));
        Map<String, List<Double>> b = read(Path.of(args[1]));
        Map<String, String> verdictA = verdicts(Path.of(args[0]));
        Map<String, String> verdictB = verdicts(Path.of(args[1]));
        System.out.println("| row | run A: median (min–max) | run B: median (min–max) | A's median in B's spread | B's median in"
                           + " A's spread | same verdict |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String row : a.keySet()) {
            List<Double> x = a.get(row);
            List<Double> y = b.get(row);
            if (y == null) {
                continue;
            }
            System.out.println("| " + row + " | " + Stats.ratioSpread(x) + " | " + Stats.ratioSpread(y) + " | "
                               + within(Stats.median(x), y) + " | " + within(Stats.median(y), x) + " | "
                               + sameVerdict(verdictA.get(row), verdictB.get(row)) + " |");
        }
    }

    private static String within(double v, List<Double> range) {
        return v >= Stats.min(range) && v <= Stats.max(range) ? "yes" : "no";
    }

    private static String sameVerdict(String a, String b) {
        String x = a.replaceAll(":.*", "");
        String y = b.replaceAll(":.*", "");
        return x.equals(y) ? "yes (" + x + ")" : "no (A " + x + ", B " + y + ")";
    }

    private static Map<String, String> verdicts(Path file) throws IOException {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            verdicts.put(f[0], f[1]);
        }
        return verdicts;
    }

    private static Map<String, List<Double>> read(Path file) throws IOException {
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            List<Double> values = new ArrayList<>();
            for (int i = 2; i < f.length; i++) {
                values.add(Double.parseDouble(f[i]));
            }
            rows.put(f[0], values);
        }
        return rows;
    }
}
