package com.camelprosa.component.prosastt;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.camelprosa.component.prosastt.support.AdocTables;
import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.AdvancedProsaSttEndpointBuilder;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttBuilders;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttEndpointBuilder;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttHeaderNameBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The Java Endpoint DSL builder the build generates from prosa-stt.json (camel-package-maven-plugin): every option
 * of the JSON is set on the endpoint through its builder method, every header has its name method, and a route built
 * with the builder transcribes against the emulator.
 */
class EndpointDslTest extends EmulatorTestSupport implements ProsaSttBuilders {

    /** Values of the text options that the endpoint checks when it starts. */
    private static final Map<String, String> FORMATTED = Map.of("url", "wss://127.0.0.1:1/v2/speech/stt",
            "proxy", "http://127.0.0.1:3128", "eventUri", "direct:events");

    @Test
    void everyOptionIsSetOnTheEndpointThroughItsBuilderMethod() throws Exception {
        AdvancedProsaSttEndpointBuilder builder = prosaStt("general").advanced();
        Map<String, Object> expected = new TreeMap<>();
        for (Map.Entry<String, JsonNode> option : AdocTables.json().get("properties").properties()) {
            String name = option.getKey();
            JsonNode model = option.getValue();
            if ("path".equals(model.get("kind").asText())) {
                continue;
            }
            Object value = "object".equals(model.get("type").asText())
                    ? Class.forName(model.get("javaType").asText()).getConstructor().newInstance()
                    : notTheDefault(name, model);
            builderMethod(name, value.getClass()).invoke(builder, value);
            expected.put(name, value);
        }

        Endpoint endpoint = builder.resolve(context);
        ProsaSttEndpointConfigurer configurer = new ProsaSttEndpointConfigurer();
        expected.forEach((name, value) -> {
            Object set = configurer.getOptionValue(endpoint, name, false);
            if (value instanceof String) {
                assertEquals(value, String.valueOf(set), name);
            } else {
                assertSame(value, set, name);
            }
        });
    }

    @Test
    void everyHeaderHasANameMethod() throws Exception {
        Set<String> headers = new HashSet<>();
        AdocTables.json().get("headers").fieldNames().forEachRemaining(headers::add);
        Set<String> named = new HashSet<>();
        for (Method m : ProsaSttHeaderNameBuilder.class.getDeclaredMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() == String.class) {
                named.add((String) m.invoke(prosaStt()));
            }
        }
        assertEquals(headers, named);
    }

    @Test
    void routeBuiltWithTheDslTranscribes() {
        Exchange exchange = template.send("direct:dsl", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(prosaStt().prosaSttLabel(), LABEL);
        });
        assertNull(exchange.getException());
        Transcript transcript = exchange.getMessage().getBody(Transcript.class);
        assertEquals(String.join(" ", WORDS), transcript.text());
        assertNotNull(exchange.getMessage().getHeader(prosaStt().prosaSttJobId(), String.class));
        assertEquals(4000, lastSession().binaryFrameSizes().get(0), "chunkSize set in the advanced builder");
    }

    /** A value of the option other than its default, as text (the builder's String form converts it). */
    private static String notTheDefault(String name, JsonNode option) {
        String defaultValue = option.path("defaultValue").asText(null);
        return switch (option.get("type").asText()) {
            case "boolean" -> String.valueOf(!Boolean.parseBoolean(defaultValue));
            case "integer", "duration" -> String.valueOf(defaultValue == null ? 2 : Long.parseLong(defaultValue) + 1);
            case "enum" -> {
                for (JsonNode value : option.get("enum")) {
                    if (!value.asText().equals(defaultValue)) {
                        yield value.asText();
                    }
                }
                throw new IllegalStateException(name + " has a single value");
            }
            default -> FORMATTED.getOrDefault(name, name + "-value");
        };
    }

    /** The builder's method for the option that takes the value's type, in the basic or the advanced builder. */
    private static Method builderMethod(String option, Class<?> type) {
        for (Class<?> builder : new Class<?>[] { ProsaSttEndpointBuilder.class, AdvancedProsaSttEndpointBuilder.class }) {
            for (Method m : builder.getDeclaredMethods()) {
                if (m.getName().equals(option) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == type) {
                    return m;
                }
            }
        }
        throw new AssertionError("no builder method " + option + "(" + type.getSimpleName() + ")");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dsl").to(prosaStt("general").url(emulator.url()).apiKey(API_KEY)
                        .outputType(ProsaSttOutputType.transcript).advanced().connectTimeout("5s").chunkSize(4000));
            }
        };
    }
}
