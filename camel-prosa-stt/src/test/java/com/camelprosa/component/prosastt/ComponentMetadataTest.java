package com.camelprosa.component.prosastt;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated component JSON (what tooling and docs read) lists every option and header, each described. */
class ComponentMetadataTest {

    private static final List<String> OPTIONS = List.of("model", "url", "apiKey", "authMode", "label", "includePartial",
            "includeFiller", "audioFormat", "sampleRate", "channels", "chunkSize", "connectTimeout", "responseTimeout",
            "outputType", "realtime", "maxConcurrentStreams", "streamWaitTimeout", "maxMessageSize",
            "sslContextParameters", "proxy", "subtitleMaxCueDuration", "subtitleMaxLineLength", "subtitleMaxLines");

    @Test
    void everyOptionAndHeaderIsDocumented() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/com/camelprosa/component/prosastt/prosa-stt.json")) {
            assertNotNull(in, "the camel-component-maven-plugin output is on the classpath");
            json = new ObjectMapper().readTree(in);
        }
        JsonNode component = json.get("component");
        assertEquals("prosa-stt", component.get("scheme").asText());
        assertEquals("prosa-stt:model", component.get("syntax").asText());
        assertTrue(component.get("producerOnly").asBoolean());
        assertEquals("ai,cloud", component.get("label").asText());

        JsonNode properties = json.get("properties");
        for (String option : OPTIONS) {
            assertTrue(properties.has(option), "endpoint option " + option);
            if (!option.equals("model")) {
                assertTrue(json.get("componentProperties").has(option), "component-level default for " + option);
            }
        }
        properties.fields().forEachRemaining(p -> assertFalse(p.getValue().path("description").asText().isBlank(),
                "description of " + p.getKey()));
        assertTrue(properties.get("apiKey").get("secret").asBoolean());
        assertEquals("security", properties.get("apiKey").get("label").asText());
        assertEquals("header", properties.get("authMode").get("defaultValue").asText());
        assertEquals(Set.of("text", "transcript", "segments", "stream", "srt", "vtt"), Set.copyOf(strings(properties.get("outputType").get("enum"))));
        assertTrue(strings(properties.get("audioFormat").get("enum")).contains("pcm_alaw"));

        JsonNode headers = json.get("headers");
        for (String header : List.of(ProsaSttConstants.MODEL, ProsaSttConstants.LABEL, ProsaSttConstants.AUDIO_FORMAT,
                ProsaSttConstants.SAMPLE_RATE, ProsaSttConstants.CHANNELS, ProsaSttConstants.JOB_ID,
                ProsaSttConstants.DURATION, ProsaSttConstants.SEGMENT_COUNT, ProsaSttConstants.QUOTA_USED,
                ProsaSttConstants.MAX_REACHED)) {
            assertTrue(headers.has(header), header);
            assertFalse(headers.get(header).path("description").asText().isBlank(), "description of " + header);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
