package com.camelprosa.component.prosastt;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import com.camelprosa.component.prosastt.support.AdocTables;
import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.AdvancedProsaSttEndpointBuilder;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttBuilders;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttEndpointBuilder;
import com.camelprosa.component.prosastt.dsl.ProsaSttEndpointBuilderFactory.ProsaSttHeaderNameBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java Endpoint DSL builder is in step with prosa-stt.json (a method per option, a header-name method per header,
 * nothing extra; regenerate with {@code python3 camel-prosa-stt/src/build/endpoint-dsl/gen.py}) and a route built
 * with it transcribes against the emulator.
 */
class EndpointDslTest extends EmulatorTestSupport implements ProsaSttBuilders {

    @Test
    void builderHasAMethodForEveryOptionAndHeaderAndNoOther() throws Exception {
        JsonNode json = AdocTables.json();
        Set<String> options = new TreeSet<>();
        json.get("properties").properties().forEach(p -> {
            if (!"path".equals(p.getValue().get("kind").asText())) {
                options.add(p.getKey());
            }
        });
        Set<String> methods = new TreeSet<>();
        for (Class<?> builder : new Class<?>[] { ProsaSttEndpointBuilder.class, AdvancedProsaSttEndpointBuilder.class }) {
            for (Method m : builder.getDeclaredMethods()) {
                if (m.getParameterCount() == 1) {
                    methods.add(m.getName());
                }
            }
        }
        assertEquals(options, methods, "endpoint options vs builder methods; regenerate with"
                                       + " python3 camel-prosa-stt/src/build/endpoint-dsl/gen.py");

        Set<String> headers = new HashSet<>();
        json.get("headers").fieldNames().forEachRemaining(headers::add);
        Set<String> named = new HashSet<>();
        for (Method m : ProsaSttHeaderNameBuilder.class.getDeclaredMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() == String.class) {
                named.add((String) m.invoke(prosaStt()));
            }
        }
        assertEquals(headers, named, "header-name methods");
        assertTrue(Arrays.stream(AdvancedProsaSttEndpointBuilder.class.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals("connectTimeout")), "advanced options in the advanced builder");
    }

    @Test
    void routeBuiltWithTheDslTranscribes() {
        String uri = dslEndpoint().getRawUri();
        assertTrue(uri.startsWith("prosa-stt://general?") || uri.startsWith("prosa-stt:general?"), uri);

        Exchange exchange = template.send("direct:dsl", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(prosaStt().prosaSttLabel(), LABEL);
        });
        assertEquals(null, exchange.getException());
        Transcript transcript = exchange.getMessage().getBody(Transcript.class);
        assertEquals(String.join(" ", WORDS), transcript.text());
        assertTrue(exchange.getMessage().getHeader(prosaStt().prosaSttJobId(), String.class) != null);
    }

    ProsaSttEndpointBuilder dslEndpoint() {
        return prosaStt("general").url(emulator.url()).apiKey(API_KEY).outputType(ProsaSttOutputType.transcript)
                .advanced().connectTimeout("5s").chunkSize(4000).basic();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dsl").to(EndpointDslTest.this.dslEndpoint());
            }
        };
    }
}
