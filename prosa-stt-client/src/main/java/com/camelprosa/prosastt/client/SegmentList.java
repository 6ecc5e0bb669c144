package com.camelprosa.prosastt.client;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.stream.Collectors;

/**
 * The final segments of one session, in order: an unmodifiable {@code List<Segment>}.
 * <p>
 * A type of its own rather than any {@code List}, so that code outside this package (the Camel component's type
 * converters) can recognise a list of segments by its class, also when it is empty, without claiming every other list.
 */
public final class SegmentList extends AbstractList<Segment> implements RandomAccess {

    private static final SegmentList EMPTY = new SegmentList(List.of());

    private final List<Segment> segments;

    private SegmentList(List<Segment> segments) {
        this.segments = segments;
    }

    /** An unmodifiable copy of {@code segments} (returned as it is when it already is a SegmentList). */
    public static SegmentList of(Collection<Segment> segments) {
        if (segments instanceof SegmentList list) {
            return list;
        }
        return segments.isEmpty() ? EMPTY : new SegmentList(List.copyOf(segments));
    }

    /** The segments' texts joined by a space, blank ones skipped: what was said. */
    public String text() {
        return segments.stream().map(Segment::text).filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining(" "));
    }

    @Override
    public Segment get(int index) {
        return segments.get(index);
    }

    @Override
    public int size() {
        return segments.size();
    }
}
