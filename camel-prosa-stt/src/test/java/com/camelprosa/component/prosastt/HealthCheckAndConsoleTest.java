package com.camelprosa.component.prosastt;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.internal.TyrusInternals;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer health check (reachability of url, key accepted; off until producers' checks are enabled; the key in
 * no detail) and the prosa-stt dev console (sessions, queue, totals by outcome), against the emulator; both show the
 * state of each hook into Tyrus' internals.
 */
class HealthCheckAndConsoleTest extends EmulatorTestSupport {

    private static final int CLOSED_PORT = closedPort();
    private static final List<String> HOOKS = List.of(TyrusInternals.SHARED_TRANSPORT, TyrusInternals.CONNECTION_WATCH,
            TyrusInternals.DROP_CONNECTION, TyrusInternals.WIRE_WRITER, TyrusInternals.HANDSHAKE_NOT_ANSWERED);

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setExposureLevel("full"); // the default level leaves UP checks out of the results
        context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, registry);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").to(uri("general", "label=good"));
                from("direct:wrongKeyHeader").to("prosa-stt:general?label=header&url=" + emulator.url() + "&apiKey=RAW(wrong-"
                                                  + API_KEY + ")");
                from("direct:wrongKeyMessage").to("prosa-stt:general?label=message&authMode=message&url=" + emulator.url()
                                                   + "&apiKey=RAW(wrong-" + API_KEY + ")");
                from("direct:unreachable").to("prosa-stt:general?label=down&connectTimeout=2000&url=ws://127.0.0.1:"
                                               + CLOSED_PORT + "/v2/speech/stt&apiKey=RAW(" + API_KEY + ")");
            }
        };
    }

    @Test
    void producerChecksAreOffUntilEnabledThenTellReachabilityAndKey() {
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        assertNotNull(producers);
        assertFalse(producers.isEnabled(), "Camel's default: producer checks off");
        assertTrue(ours(HealthCheckHelper.invokeReadiness(context)).isEmpty(), "nothing runs while off");

        long jobsBefore = jobs();
        producers.setEnabled(true);
        assertEquals(4, producers.stream().filter(c -> c.getId().startsWith("producer:prosa-stt-")).count(),
                "one check per endpoint, registered when the route started");
        List<HealthCheck.Result> results = ours(HealthCheckHelper.invokeReadiness(context));
        assertEquals(4, results.size());
        Map<String, HealthCheck.Result> byUrlAndMode = results.stream().collect(Collectors.toMap(
                r -> r.getDetails().get("url") + " " + r.getDetails().get("authMode") + " " + r.getState(), r -> r,
                (a, b) -> a));
        String emulatorUrl = emulator.url();
        assertTrue(byUrlAndMode.containsKey(emulatorUrl + " header UP"), byUrlAndMode.keySet().toString());
        HealthCheck.Result wrongHeader = byUrlAndMode.get(emulatorUrl + " header DOWN");
        assertTrue(wrongHeader.getMessage().orElse("").contains("close 4000"), wrongHeader.getMessage().toString());
        HealthCheck.Result wrongMessage = byUrlAndMode.get(emulatorUrl + " message DOWN");
        assertTrue(wrongMessage.getMessage().orElse("").contains("close 4000"), wrongMessage.getMessage().toString());
        HealthCheck.Result down = byUrlAndMode.get("ws://127.0.0.1:" + CLOSED_PORT + "/v2/speech/stt header DOWN");
        assertTrue(down.getMessage().orElse("").startsWith("Cannot connect"), down.getMessage().toString());

        for (HealthCheck.Result r : results) {
            assertEquals(TyrusInternals.tyrusVersion(), r.getDetails().get("tyrus.version"));
            for (String hook : HOOKS) {
                assertEquals("available", r.getDetails().get("tyrus." + hook), hook + " in " + r.getDetails());
            }
            String all = r.getMessage().orElse("") + r.getDetails() + r.getCheck().getId() + r.getCheck();
            assertFalse(all.contains(API_KEY) || all.contains(API_KEY.substring(8, 24)), "the key in " + all);
        }
        assertEquals(jobsBefore, jobs(), "the probes created no job (no configuration sent)");
    }

    @Test
    void devConsoleShowsSessionsQueueAndTotalsByOutcome() {
        assertEquals(null, send("direct:good", THREE_WORDS_WAV).getException());
        Exchange failed = send("direct:wrongKeyHeader", THREE_WORDS_WAV);
        assertNotNull(failed.getException());

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("prosa-stt");
        assertNotNull(console, "found through META-INF/services/org/apache/camel/dev-console/prosa-stt");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("completed: 1"), text);
        assertTrue(text.contains("ProsaSttAuthenticationException: 1"), text);
        assertTrue(text.contains("0 open sessions, 0 in flight, 2 done"), text);
        assertFalse(text.contains(API_KEY.substring(8, 24)), text);
        assertTrue(text.contains("Tyrus " + TyrusInternals.tyrusVersion() + " internals:"), text);
        for (String hook : HOOKS) {
            assertTrue(text.contains("    " + hook + ": available"), hook + " in " + text);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        String rendered = String.valueOf(json);
        assertTrue(rendered.contains("openSessions") && rendered.contains("queued"), rendered);
        assertFalse(rendered.contains(API_KEY.substring(8, 24)), rendered);
        Map<?, ?> tyrus = (Map<?, ?>) json.get("tyrus");
        assertEquals(TyrusInternals.tyrusVersion(), tyrus.get("version"));
        List<?> hooks = (List<?>) tyrus.get("hooks");
        assertEquals(HOOKS, hooks.stream().map(h -> ((Map<?, ?>) h).get("name")).toList());
        for (Object h : hooks) {
            Map<?, ?> hook = (Map<?, ?>) h;
            assertEquals(true, hook.get("available"), hook.toString());
            assertEquals(null, hook.get("reason"), hook.toString());
            assertTrue(String.valueOf(hook.get("fallback")).length() > 20, "what a fallback costs: " + hook);
        }
    }

    private static long jobs() {
        return emulator.sessions().stream().filter(s -> s.configuration() != null).count();
    }

    private static List<HealthCheck.Result> ours(java.util.Collection<HealthCheck.Result> results) {
        return results.stream().filter(r -> r.getCheck().getId().startsWith("producer:prosa-stt-")).toList();
    }
}
