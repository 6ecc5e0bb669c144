package com.camelprosa.component.prosastt.springboot;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift between the component and the starter: every component option in prosa-stt.json has a property in the
 * starter's generated IDE metadata (spring-configuration-metadata.json) with a description and the same default, and
 * the starter has no option the component lacks. A new option on the component fails this test until it is added to
 * ProsaSttComponentConfiguration.
 */
class ProsaSttStarterMetadataTest {

    private static final String PREFIX = "camel.component.prosa-stt.";

    @Test
    void everyComponentOptionIsInTheStartersMetadata() throws Exception {
        JsonNode component = read("/META-INF/com/camelprosa/component/prosastt/prosa-stt.json").get("componentProperties");
        Map<String, JsonNode> starter = new HashMap<>();
        read("/META-INF/spring-configuration-metadata.json").get("properties").forEach(p -> {
            if (p.get("sourceType").asText().equals(ProsaSttComponentConfiguration.class.getName())) {
                starter.put(p.get("name").asText(), p);
            }
        });

        Set<String> missing = new TreeSet<>();
        Set<String> expected = new TreeSet<>(Set.of(PREFIX + "enabled"));
        component.properties().forEach(option -> {
            String name = PREFIX + kebab(option.getKey());
            expected.add(name);
            JsonNode property = starter.get(name);
            if (property == null) {
                missing.add(option.getKey() + " (" + name + ")");
                return;
            }
            assertThat(property.path("description").asText()).as("description of " + name)
                    .startsWith(option.getValue().get("description").asText());
            JsonNode defaultValue = option.getValue().get("defaultValue");
            if (defaultValue != null) {
                assertThat(property.path("defaultValue").asText()).as("default of " + name).isEqualTo(defaultValue.asText());
            }
        });
        assertThat(missing).as("component options missing from the starter (its build generates them from the component JSON: build it with -am)")
                .isEmpty();
        assertThat(starter.keySet()).as("starter options the component does not have").isSubsetOf(expected);
        assertThat(starter.get(PREFIX + "enabled").path("description").asText()).isNotBlank();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = ProsaSttStarterMetadataTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
