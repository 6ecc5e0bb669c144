package com.camelprosa.prosastt.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the segments of a transcript as SubRip ({@code .srt}) or WebVTT ({@code .vtt}) subtitles.
 * <p>
 * Each segment with text becomes one cue or, when it is too long for one, several cues split at word boundaries, their
 * times shared out between them by characters. A cue is shown at most {@code maxCueDuration} (unless a single word
 * takes longer), holds at most {@code maxLines} lines of at most {@code maxLineLength} characters (unless a single word
 * is longer), and has text. A segment split into cues is split into as few as these limits allow, as even as they go,
 * and a cue's lines are as even as they go. Cues are in time order; segments of different channels may overlap, as
 * speakers do.
 * <p>
 * WebVTT carries a segment's speaker ({@code channelNames}) as a voice tag: {@code <v agent>selamat pagi}. SubRip has
 * no markup for speakers, so its cues hold the text alone. In WebVTT {@code &}, {@code <} and {@code >} are escaped;
 * a {@code -->} in the text (which would end a cue's text in either format) becomes {@code ->}.
 * <p>
 * Immutable and thread-safe: {@code Subtitles.defaults().vtt(transcript)}.
 */
public final class Subtitles {

    /** Default longest cue, in milliseconds: long enough to read two full lines. */
    public static final long DEFAULT_MAX_CUE_DURATION = 7000;
    /** Default characters per line, the broadcasters' usual 42. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 42;
    /** Default lines per cue. */
    public static final int DEFAULT_MAX_LINES = 2;

    private static final Subtitles DEFAULTS = new Subtitles(DEFAULT_MAX_CUE_DURATION, DEFAULT_MAX_LINE_LENGTH,
            DEFAULT_MAX_LINES);

    private final long maxCueDuration;
    private final int maxLineLength;
    private final int maxLines;

    /**
     * @param maxCueDuration the longest a cue is shown, in milliseconds; a longer segment is split into several cues
     * @param maxLineLength  the most characters on a line; lines are wrapped at spaces
     * @param maxLines       the most lines in a cue; a segment that needs more is split into several cues
     * @throws IllegalArgumentException when any of them is not positive
     */
    public Subtitles(long maxCueDuration, int maxLineLength, int maxLines) {
        if (maxCueDuration <= 0 || maxLineLength <= 0 || maxLines <= 0) {
            throw new IllegalArgumentException("Subtitle options must be positive: maxCueDuration=" + maxCueDuration
                                               + " ms, maxLineLength=" + maxLineLength + ", maxLines=" + maxLines);
        }
        this.maxCueDuration = maxCueDuration;
        this.maxLineLength = maxLineLength;
        this.maxLines = maxLines;
    }

    /** Cues of at most {@value #DEFAULT_MAX_CUE_DURATION} ms and {@value #DEFAULT_MAX_LINES} lines of {@value #DEFAULT_MAX_LINE_LENGTH} characters. */
    public static Subtitles defaults() {
        return DEFAULTS;
    }

    /**
     * One cue: what is shown from {@code start} to {@code end}.
     *
     * @param start   seconds from the start of the audio
     * @param end     seconds from the start of the audio, after {@code start}
     * @param lines   the lines of text, none empty, none containing {@code -->}
     * @param speaker the segment's speaker, or null
     */
    public record Cue(double start, double end, List<String> lines, String speaker) {
        public Cue {
            lines = List.copyOf(lines);
        }
    }

    /** The cues of the transcript's segments, in time order. */
    public List<Cue> cues(Transcript transcript) {
        return cues(transcript.segments());
    }

    /** The cues of {@code segments}, in time order; segments without text make none. */
    public List<Cue> cues(List<Segment> segments) {
        List<Cue> cues = new ArrayList<>();
        for (Segment segment : segments) {
            addCues(segment, cues);
        }
        cues.sort(Comparator.comparingDouble(Cue::start).thenComparingDouble(Cue::end)); // stable: ties keep order
        return cues;
    }

    /** The transcript as a SubRip file: numbered cues, times as {@code 00:01:02,345}; empty without cues. */
    public String srt(Transcript transcript) {
        return srt(transcript.segments());
    }

    /** The segments as a SubRip file: numbered cues, times as {@code 00:01:02,345}; empty without cues. */
    public String srt(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        for (Cue cue : cues(segments)) {
            out.append(number++).append('\n').append(timing(cue, ',')).append('\n');
            for (String line : cue.lines()) {
                out.append(line).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The transcript as a WebVTT file: times as {@code 00:01:02.345}, speakers as voice tags. */
    public String vtt(Transcript transcript) {
        return vtt(transcript.segments());
    }

    /** The segments as a WebVTT file: times as {@code 00:01:02.345}, speakers as voice tags. */
    public String vtt(List<Segment> segments) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (Cue cue : cues(segments)) {
            out.append('\n').append(timing(cue, '.')).append('\n');
            if (cue.speaker() != null) {
                out.append("<v ").append(escape(cue.speaker())).append('>');
            }
            out.append(escape(String.join("\n", cue.lines()))).append('\n');
        }
        return out.toString();
    }

    private void addCues(Segment segment, List<Cue> cues) {
        String text = clean(segment.text());
        if (text.isEmpty()) {
            return;
        }
        String speaker = segment.speaker() == null || clean(segment.speaker()).isEmpty() ? null : clean(segment.speaker());
        String[] words = text.split(" ");
        int length = text.length();
        double seconds = Math.max(0, segment.end() - segment.start());
        // the characters one cue may span within maxCueDuration, each character taking an equal share of the segment
        int maxSpan = seconds * 1000 <= maxCueDuration ? length
                : (int) Math.max(1, Math.floor(maxCueDuration / 1000.0 / seconds * length + 1e-9));

        List<Integer> firsts = split(words, length, maxSpan);
        // as many cues, as even as they go: the smallest span that still needs no more of them
        int low = (length + firsts.size() - 1) / firsts.size();
        int high = maxSpan;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (split(words, length, mid).size() <= firsts.size()) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        firsts = split(words, length, high);

        for (int c = 0; c < firsts.size(); c++) {
            int first = firsts.get(c);
            int last = c + 1 < firsts.size() ? firsts.get(c + 1) : words.length;
            String[] cueWords = java.util.Arrays.copyOfRange(words, first, last);
            int from = offset(words, first);
            int to = last == words.length ? length : offset(words, last);
            cues.add(new Cue(segment.start() + seconds * from / length, segment.start() + seconds * to / length,
                    evenLines(cueWords), speaker));
        }
    }

    /**
     * The index of the first word of each cue, filling each cue in turn with as many words as fit in
     * {@code maxLines} lines and span at most {@code maxSpan} characters (with the space after); a cue holds at least
     * one word.
     */
    private List<Integer> split(String[] words, int length, int maxSpan) {
        List<Integer> firsts = new ArrayList<>(List.of(0));
        int cueFrom = 0;
        int lines = 1;
        int line = words[0].length();
        int offset = words[0].length() + 1;
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            boolean fitsTime = Math.min(offset + word.length() + 1, length) - cueFrom <= maxSpan;
            if (fitsTime && line + 1 + word.length() <= maxLineLength) {
                line += 1 + word.length();
            } else if (fitsTime && lines < maxLines) {
                lines++;
                line = word.length();
            } else {
                firsts.add(i);
                cueFrom = offset;
                lines = 1;
                line = word.length();
            }
            offset += word.length() + 1;
        }
        return firsts;
    }

    /** The words wrapped into as few lines as {@code maxLineLength} allows, those lines as even as they go. */
    private List<String> evenLines(String[] words) {
        List<String> lines = wrap(words, maxLineLength);
        int chars = String.join(" ", words).length();
        for (int width = (chars + lines.size() - 1) / lines.size(); width < maxLineLength; width++) {
            List<String> even = wrap(words, width);
            if (even.size() == lines.size()) {
                return even;
            }
        }
        return lines;
    }

    private static List<String> wrap(String[] words, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (line.length() + 1 + words[i].length() <= width) {
                line.append(' ').append(words[i]);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(words[i]);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static int offset(String[] words, int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) {
            offset += words[i].length() + 1;
        }
        return offset;
    }

    /** One line of words separated by single spaces, without {@code -->}. */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip().replaceAll("\\s+", " ");
        while (s.contains("-->")) {
            s = s.replace("-->", "->");
        }
        return s;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code start --> end}, never ending before it starts (at least 1 ms once rounded). */
    private static String timing(Cue cue, char msSeparator) {
        long from = Math.round(cue.start() * 1000);
        long to = Math.max(Math.round(cue.end() * 1000), from + 1);
        return timestamp(from, msSeparator) + " --> " + timestamp(to, msSeparator);
    }

    private static String timestamp(long millis, char msSeparator) {
        long ms = Math.max(0, millis);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                msSeparator, ms % 1000);
    }
}
