package com.camelprosa.component.prosastt;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kamelet the jar ships ({@code kamelets/prosa-stt-action.kamelet.yaml}, where Camel looks by default) works from
 * a YAML route under Camel Main against the emulator, keeps the key out of endpoint strings and of every log line but
 * Camel's own DEBUG lines of resolved properties, and offers the component's options as the component defines them.
 */
class KameletTest {

    private static final String KAMELET = "/kamelets/prosa-stt-action.kamelet.yaml";
    /**
     * Recognisable, with the characters a URI would misread ({@code +}, {@code &}, {@code =}): Camel keeps the value of
     * an option the component marks secret raw when the template builds the prosa-stt URI.
     */
    private static final String KEY = "sk-kamelet-4d2b7e19+SECRET&key==";
    private static final String KEY_FRAGMENT = "4d2b7e19";
    private static final String LABEL = "kamelet-call.wav";
    private static final List<String> WORDS = List.of("selamat siang", "ada yang bisa dibantu");
    private static final byte[] WAV = SyntheticAudio.wav(16000, 0.3, 0.6, 0.5, 0.5);
    private static final Path LOG = Path.of("target/test-logs/all.log");
    /** log4j2-test.xml's file layout: "HH:mm:ss.SSS LEVEL [thread] logger - message". */
    private static final Pattern RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\S+)\\s+\\[[^]]*] (\\S+) - ");
    /** Camel's DEBUG lines that print a property's resolved value, or a text with its placeholders resolved. */
    private static final Set<String> CAMEL_PROPERTY_RESOLUTION_LOGGERS = Set.of(
            "org.apache.camel.component.properties.DefaultPropertiesParser",
            "org.apache.camel.impl.engine.DefaultCamelContextExtension", "org.apache.camel.main.BaseMainSupport",
            "org.apache.camel.main.MainHelper");

    private static ProsaSttEmulator emulator;
    private int sessionsBefore;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = ProsaSttEmulator.builder().apiKey(KEY).transcripts(TranscriptScript.of(LABEL, WORDS)).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void theYamlRouteTranscribesThroughTheKamelet() throws Exception {
        Main main = start("transcribe-with-kamelet", Map.of("prosa.api-key", KEY));
        try {
            Exchange result = transcribe(main);
            assertNull(result.getException());
            assertEquals(String.join(" ", WORDS), result.getMessage().getBody(String.class));
            assertEquals(1, emulator.sessions().size() - sessionsBefore, "one session");
            SessionRecord session = emulator.sessions().get(emulator.sessions().size() - 1);
            assertTrue(session.configuration().contains("stt-general-online"), "the default model: "
                                                                                + session.configuration());
            assertKeyInNoEndpointOrLogLine(main);
        } finally {
            main.stop();
        }
    }

    @Test
    void aWrongKeyFailsWithTheComponentsAuthenticationException() throws Exception {
        Main main = start("transcribe-with-kamelet", Map.of("prosa.api-key", "sk-kamelet-wrong-key"));
        try {
            Exchange result = transcribe(main);
            assertInstanceOf(ProsaSttAuthenticationException.class, result.getException());
        } finally {
            main.stop();
        }
    }

    @Test
    void optionsLeftOutKeepTheComponentsConfigurationKeyIncluded() throws Exception {
        Main main = start("transcribe-with-component-key", Map.of("camel.component.prosa-stt.api-key", KEY,
                "camel.component.prosa-stt.url", emulator.url()));
        try {
            Exchange result = transcribe(main);
            assertNull(result.getException());
            assertEquals(String.join(" ", WORDS), result.getMessage().getBody(String.class));
            assertKeyInNoEndpointOrLogLine(main);
        } finally {
            main.stop();
        }
    }

    /**
     * Each property is an option of the component with its type and values, used by the template; none but the model
     * has a default of its own, so what the user leaves out keeps the component's configuration.
     */
    @Test
    void theKameletOffersTheComponentsOptionsAsTheComponentDefinesThem() throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = KameletTest.class.getResourceAsStream(KAMELET)) {
            assertNotNull(in, "the kamelet is in the jar under kamelets/");
            kamelet = map(new Load(LoadSettings.builder().build()).loadFromInputStream(in));
        }
        JsonNode options;
        try (InputStream in = KameletTest.class.getResourceAsStream(CatalogTest.JSON)) {
            options = new ObjectMapper().readTree(in).get("properties");
        }
        assertEquals("prosa-stt-action", map(kamelet.get("metadata")).get("name"));
        assertEquals("action", map(map(kamelet.get("metadata")).get("labels")).get("camel.apache.org/kamelet.type"));
        Map<String, Object> spec = map(kamelet.get("spec"));
        Map<String, Object> properties = map(map(spec.get("definition")).get("properties"));
        String template = String.valueOf(spec.get("template"));

        List<String> problems = new ArrayList<>();
        properties.forEach((name, value) -> {
            Map<String, Object> property = map(value);
            JsonNode option = options.get(name);
            if (option == null) {
                problems.add(name + " is no option of the component");
                return;
            }
            String type = option.get("type").asText();
            check(problems, name + " type", type.equals("enum") ? "string" : type, property.get("type"));
            if (name.equals("model")) {
                check(problems, name + " default", "general", property.get("default"));
            } else {
                // None: an option the user does not set keeps the component's configuration, then its default.
                check(problems, name + " default", null, property.get("default"));
                if (option.has("defaultValue") && !String.valueOf(property.get("description"))
                        .contains(option.get("defaultValue").asText())) {
                    problems.add(name + ": the description does not give the component's default "
                                 + option.get("defaultValue").asText());
                }
            }
            if (option.has("enum")) {
                List<String> values = new ArrayList<>();
                option.get("enum").forEach(v -> values.add(v.asText()));
                check(problems, name + " values", values, property.get("enum"));
            }
            if (option.path("secret").asBoolean()) {
                check(problems, name + " format", "password", property.get("format"));
                check(problems, name + " x-descriptors", List.of("urn:camel:group:credentials"),
                        property.get("x-descriptors"));
            }
            String placeholder = name.equals("model") ? "{{model}}" : "{{?" + name + "}}";
            if (!template.contains(placeholder)) {
                problems.add(name + " is not used by the template as " + placeholder);
            }
        });
        assertEquals(List.of(), problems);
    }

    private static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual == null || actual instanceof List ? actual : String.valueOf(actual))) {
            problems.add(what + ": expected " + expected + ", the kamelet has " + actual);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    /** Camel Main with one YAML route of src/test/resources/kamelet and the emulator's URL as a property. */
    private Main start(String route, Map<String, String> properties) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:kamelet/" + route + ".camel.yaml");
        main.addInitialProperty("prosa.url", emulator.url());
        properties.forEach(main::addInitialProperty);
        main.start();
        sessionsBefore = emulator.sessions().size();
        return main;
    }

    private static Exchange transcribe(Main main) throws Exception {
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            return template.send("direct:transcribe", e -> {
                e.getMessage().setBody(WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            });
        }
    }

    /**
     * The endpoints as Camel prints them (the kamelet's, and the prosa-stt one its template made) mask the key; no line
     * of this run's log holds it at INFO or above, nor in any line of the component, Tyrus or the kamelet component.
     * Camel itself prints resolved property values verbatim at DEBUG, whatever the property, so a key that goes
     * through a placeholder, a kamelet parameter or Camel Main's camel.component.* properties shows in those lines.
     */
    private static void assertKeyInNoEndpointOrLogLine(Main main) throws Exception {
        List<String> endpoints = main.getCamelContext().getEndpoints().stream().map(Object::toString).toList();
        assertTrue(endpoints.stream().anyMatch(e -> e.startsWith("kamelet:prosa-stt-action")), endpoints::toString);
        assertTrue(endpoints.stream().anyMatch(e -> e.startsWith("prosa-stt://general")), endpoints::toString);
        for (String endpoint : endpoints) {
            assertFalse(endpoint.contains(KEY_FRAGMENT), endpoint);
        }
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("Loading route template=prosa-stt-action"), "the log file holds this run at DEBUG");
        List<String> leaks = log.lines().filter(l -> l.contains(KEY_FRAGMENT)).filter(l -> {
            Matcher record = RECORD.matcher(l);
            return !record.find() || !record.group(1).equals("DEBUG")
                   || !CAMEL_PROPERTY_RESOLUTION_LOGGERS.contains(record.group(2));
        }).toList();
        assertEquals(List.of(), leaks, "the key outside Camel's DEBUG lines of resolved properties");
    }
}
