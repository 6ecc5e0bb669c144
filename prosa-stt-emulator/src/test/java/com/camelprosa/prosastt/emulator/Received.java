package com.camelprosa.prosastt.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's messages as a {@link RawClient} received them, read as JSON. */
final class Received {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Received() {
    }

    /** The {@code type} of each message, in order. */
    static List<String> types(List<String> messages) {
        return messages.stream().map(m -> read(m).path("type").asText()).toList();
    }

    /** The types without partials, which depend on how the audio was chunked. */
    static List<String> typesWithoutPartials(List<String> messages) {
        return types(messages).stream().filter(t -> !t.equals("partial")).toList();
    }

    /** The messages of one type, in order. */
    static List<JsonNode> messages(List<String> messages, String type) {
        return messages.stream().map(Received::read).filter(m -> type.equals(m.path("type").asText())).toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
