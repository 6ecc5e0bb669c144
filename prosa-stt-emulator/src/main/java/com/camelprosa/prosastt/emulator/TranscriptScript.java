package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text the emulator "recognises" for known samples: segment texts keyed by the session's label.
 * <p>
 * File format (JSON): {@code {"sample.wav": ["first segment", "second segment"], "other.wav": "one segment"}}. A
 * label matches a key exactly or by its last path element, so {@code /in/sample.wav} finds {@code sample.wav}; a
 * {@code [fault=...]} marker in the label is ignored.
 */
public final class TranscriptScript {

    private final Map<String, List<String>> segmentsByLabel;

    private TranscriptScript(Map<String, List<String>> segmentsByLabel) {
        this.segmentsByLabel = Map.copyOf(segmentsByLabel);
    }

    public static TranscriptScript empty() {
        return new TranscriptScript(Map.of());
    }

    public static TranscriptScript of(String label, List<String> segments) {
        return new TranscriptScript(Map.of(label, List.copyOf(segments)));
    }

    public static TranscriptScript load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    public static TranscriptScript load(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("A transcript script is a JSON object of label -> text or [texts]");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            List<String> texts = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(t -> texts.add(t.asText()));
            } else {
                texts.add(e.getValue().asText());
            }
            map.put(e.getKey(), texts);
        });
        return new TranscriptScript(map);
    }

    /** Adds another script's entries to this one's (the other wins on the same label). */
    public TranscriptScript with(TranscriptScript other) {
        Map<String, List<String>> map = new LinkedHashMap<>(segmentsByLabel);
        map.putAll(other.segmentsByLabel);
        return new TranscriptScript(map);
    }

    /** The segment texts for a label, or an empty list when the script does not know it. */
    List<String> segmentsFor(String label) {
        if (label == null) {
            return List.of();
        }
        label = label.replaceAll("\\s*\\[fault=[^]]*]", "");
        List<String> exact = segmentsByLabel.get(label);
        if (exact != null) {
            return exact;
        }
        String name = label.substring(Math.max(label.lastIndexOf('/'), label.lastIndexOf('\\')) + 1);
        List<String> byName = segmentsByLabel.get(name);
        if (byName != null) {
            return byName;
        }
        // One channel's session of a split call is labelled "<label> [<speaker>]": else the whole call's script.
        String call = label.replaceAll("\\s*\\[[^\\]]*]$", "");
        return call.equals(label) ? List.of() : segmentsFor(call);
    }
}
