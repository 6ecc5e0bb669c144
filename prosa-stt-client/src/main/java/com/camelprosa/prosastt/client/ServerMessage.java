package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A text message from the server, parsed once into what it means. Unknown types and fields are kept out. */
sealed interface ServerMessage {

    /** The job exists and audio is accepted. */
    record Created(String jobId) implements ServerMessage {
    }

    /** Job progress: created, queued, in_progress, complete or failed. */
    record Status(String status) implements ServerMessage {
        boolean isComplete() {
            return "complete".equals(status);
        }

        boolean isFailed() {
            return "failed".equals(status);
        }
    }

    /** The current hypothesis for the segment being spoken. */
    record Partial(String text) implements ServerMessage {
    }

    /** The final text of one finished segment, with the server's other fields (channel, confidence...). */
    record Result(String text, double start, double end, Integer channel, Map<String, Object> fields)
            implements ServerMessage {
        Segment segment() {
            return new Segment(text, start, end, channel, null, fields);
        }
    }

    /** The session's closing figures; any of them may be missing. */
    record Metadata(Double duration, Double quotaUsed, Boolean maxReached, Double maxDuration) implements ServerMessage {
    }

    /** Quota ran out mid-stream. */
    record Quota(String quotaUsed) implements ServerMessage {
    }

    /** A message this client does not use: an unknown type, or text that is not a JSON object. */
    record Ignored(String why) implements ServerMessage {
    }

    ObjectMapper JSON = new ObjectMapper();
    Set<String> RESULT_FIELDS = Set.of("type", "transcript", "time_start", "time_end", "channel");

    static ServerMessage parse(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            return new Ignored("not JSON (" + text.length() + " chars)");
        }
        if (m == null || !m.isObject()) {
            return new Ignored("not a JSON object");
        }
        String type = m.path("type").asText("");
        return switch (type) {
            case "created" -> new Created(m.path("id").asText(null));
            case "status" -> new Status(m.path("status").asText(""));
            case "partial" -> new Partial(m.path("transcript").asText(""));
            case "result" -> result(m);
            case "metadata" -> new Metadata(number(m, "duration"), number(m, "quota_used"),
                    m.path("max_reached").isBoolean() ? m.get("max_reached").asBoolean() : null,
                    number(m, "max_duration"));
            case "quota" -> new Quota(m.path("quota_used").asText());
            default -> new Ignored("unknown type '" + type + "'");
        };
    }

    private static Result result(JsonNode m) {
        Map<String, Object> others = new LinkedHashMap<>();
        m.fields().forEachRemaining(f -> {
            if (!RESULT_FIELDS.contains(f.getKey())) {
                others.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        });
        others.values().removeIf(java.util.Objects::isNull);
        JsonNode channel = m.path("channel");
        return new Result(m.path("transcript").asText(""), m.path("time_start").asDouble(), m.path("time_end").asDouble(),
                channel.canConvertToInt() && channel.isIntegralNumber() && channel.asInt() >= 0 ? channel.asInt() : null,
                others);
    }

    private static Double number(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.get(field).asDouble() : null;
    }
}
