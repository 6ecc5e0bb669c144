package com.camelprosa.prosastt.emulator;

import java.util.List;

/**
 * What one session "recognises": the script's segment texts, one a result, in order, and partials that show more of
 * the words of the segment being spoken as it goes on.
 */
final class ScriptedText {

    private static final double PARTIAL_EVERY_SECONDS = 0.3;

    private final List<String> texts;
    private int results;
    private double lastPartialAt = -1;

    ScriptedText(List<String> texts) {
        this.texts = texts;
    }

    /** The text of the next result; the last of the audio takes the rest of the script. */
    String nextResult(boolean lastOfAudio) {
        String text = textFor(results);
        if (lastOfAudio && results < texts.size() - 1) {
            // The script has more text than the audio had segments: keep the words rather than lose them.
            text = String.join(" ", texts.subList(results, texts.size()));
        }
        results++;
        lastPartialAt = -1;
        return text;
    }

    /**
     * The partial for the segment being spoken at {@code position} (seconds of audio), which started at
     * {@code speechStart}; null when the last partial is too recent.
     */
    String partial(double position, double speechStart) {
        if (position - lastPartialAt < PARTIAL_EVERY_SECONDS) {
            return null;
        }
        lastPartialAt = position;
        String text = textFor(results);
        double spoken = position - speechStart;
        int words = text.split(" ").length;
        int shown = Math.max(1, Math.min(words, (int) Math.ceil(spoken / 0.35)));
        return String.join(" ", List.of(text.split(" ")).subList(0, shown));
    }

    /** Results given so far. */
    int results() {
        return results;
    }

    private String textFor(int index) {
        if (index < texts.size()) {
            return texts.get(index);
        }
        return "[emulator: no transcript script for this label, segment " + (index + 1) + "]";
    }
}
