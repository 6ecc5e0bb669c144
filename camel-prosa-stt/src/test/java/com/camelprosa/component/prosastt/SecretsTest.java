package com.camelprosa.component.prosastt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.client.AuthMode;
import com.camelprosa.component.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API key appears in no log line, exception message or toString(), in success and in every failure. */
class SecretsTest extends EmulatorTestSupport {

    private static final Path LOG = Path.of("target/test-logs/all.log");

    @Test
    void theKeyIsNowhereAfterSuccessesAndFailures() throws Exception {
        List<String> places = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        for (String auth : List.of("header", "message")) {
            String uri = uri("general", "authMode=" + auth);
            exchanges.add(send(uri, THREE_WORDS_WAV));
            for (String fault : List.of("close:4000", "close:4001", "close:4002", "close:4005", "close:4029",
                    "close:1011", "quota", "stall", "stall-after-end", "drop", "huge:2000000", "garbage", "noise",
                    "late:50", "slow:5")) {
                exchanges.add(send(uri + "&responseTimeout=300", THREE_WORDS_WAV,
                        Map.of(ProsaSttConstants.LABEL, "x [fault=" + fault + "]")));
            }
            exchanges.add(send(uri, new byte[0]));
            exchanges.add(send(uri("klingon", "authMode=" + auth), THREE_WORDS_WAV));
        }
        exchanges.add(template.send("direct:logged", e -> e.getMessage().setBody(THREE_WORDS_WAV)));
        try (ProsaSttEmulator strict = ProsaSttEmulator.builder().apiKey("other").rejectBadKeyAtUpgrade(true).build()
                .start()) {
            exchanges.add(send(uri("general", null).replace(emulator.url(), strict.url()), THREE_WORDS_WAV));
        }

        for (Exchange exchange : exchanges) {
            places.add("exchange " + exchange);
            places.add("headers " + exchange.getMessage().getHeaders());
            for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
                places.add("exception " + t);
            }
        }
        context.getEndpoints().forEach(e -> {
            places.add("endpoint " + e);
            if (e instanceof ProsaSttEndpoint p) {
                places.add("configuration " + p.getConfiguration());
            }
        });
        places.add("request " + StreamRequest.builder().url(emulator.url()).apiKey(API_KEY).model("m").build());
        places.add("route " + context.getRoutes());
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        places.add("log " + log);

        assertTrue(exchanges.stream().filter(e -> e.getException() != null).count() >= 26, "the failures happened");
        System.out.println("SecretsTest scanned " + places.size() + " places (" + exchanges.size() + " exchanges, "
                           + log.lines().count() + " log lines)");
        assertTrue(log.contains("Exchange[") && log.contains("prosa-stt"), "the log file captured the run");
        for (String place : places) {
            assertFalse(place.contains(API_KEY), () -> "API key leaked in: " + place.substring(0, Math.min(300, place.length())));
            assertFalse(place.contains("9f1c2e7a"), () -> "part of the API key leaked in: " + place);
        }
        assertNotNull(context.getEndpoint(uri("general", null)));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:logged").log("sending to ${routeId}").to(uri("general", null))
                        .to("log:transcript?showAll=true&level=INFO");
            }
        };
    }
}
