package com.camelprosa.prosastt.emulator;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** What the emulator accepts as a session configuration, with the reason it gives (close 4001) when it does not. */
final class ConfigurationCheck {

    static final Set<String> FORMATS = Set.of("wav", "mp3", "flac", "opus", "webm", "s16le", "pcm_mulaw", "pcm_alaw");

    private ConfigurationCheck() {
    }

    /** Null when the configuration is valid, else why not. */
    static String problemWith(JsonNode c) {
        if (!c.isObject()) {
            return "The configuration must be a JSON object";
        }
        if (!c.path("model").isTextual()) {
            return "'model' is required and must be a string";
        }
        if (c.has("label") && !c.get("label").isTextual() && !c.get("label").isNull()) {
            return "'label' must be a string or null";
        }
        for (String flag : List.of("include_partial", "include_filler")) {
            if (c.has(flag) && !c.get(flag).isBoolean()) {
                return "'" + flag + "' must be a boolean";
            }
        }
        if (c.has("audio")) {
            JsonNode a = c.get("audio");
            if (!a.isObject()) {
                return "'audio' must be an object";
            }
            if (!a.path("format").isTextual() || !FORMATS.contains(a.get("format").asText())) {
                return "'audio.format' must be one of " + FORMATS;
            }
            for (String n : List.of("channels", "sample_rate")) {
                if (a.has(n) && (!a.get(n).isIntegralNumber() || a.get(n).asInt() <= 0)) {
                    return "'audio." + n + "' must be a positive integer";
                }
            }
        }
        return null;
    }
}
