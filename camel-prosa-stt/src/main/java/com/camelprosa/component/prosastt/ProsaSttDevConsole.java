package com.camelprosa.component.prosastt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.internal.TyrusInternals;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * Developer console {@code prosa-stt} ({@code camel get prosa-stt}, or the dev console page): per component its open
 * websocket sessions, the exchanges in flight and the totals by outcome; per endpoint (by model and url, never the
 * URI, which may hold the key) the exchanges waiting for a session under {@code maxConcurrentStreams}, and its
 * Micrometer meters when they are recorded (docs/observability.md); and the Tyrus version with the state of each hook
 * into its internals ({@link TyrusInternals}).
 */
@DevConsole(name = "prosa-stt", displayName = "Prosa STT", description = "Prosa.ai speech-to-text sessions and outcomes")
public class ProsaSttDevConsole extends AbstractDevConsole {

    public ProsaSttDevConsole() {
        super("camel", "prosa-stt", "Prosa STT", "Prosa.ai speech-to-text sessions and outcomes");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (JsonObject c : components()) {
            sb.append(String.format("Component %s: %s open sessions, %s in flight, %s done%n", c.get("name"),
                    c.get("openSessions"), c.get("inFlight"), c.get("total")));
            Map<?, ?> outcomes = (Map<?, ?>) c.get("outcomes");
            outcomes.forEach((k, v) -> sb.append(String.format("    %s: %s%n", k, v)));
            for (Object e : (List<?>) c.get("endpoints")) {
                Map<?, ?> endpoint = (Map<?, ?>) e;
                sb.append(String.format("    endpoint %s at %s: %s waiting for a session (maxConcurrentStreams %s)%n",
                        endpoint.get("model"), endpoint.get("url"), endpoint.get("queued"),
                        endpoint.get("maxConcurrentStreams")));
                ((Map<?, ?>) endpoint.get("metrics")).forEach((k, v) -> sb.append(String.format("        %s %s%n", k, v)));
            }
        }
        sb.append(String.format("Tyrus %s internals:%n", TyrusInternals.tyrusVersion()));
        for (TyrusInternals.Hook hook : TyrusInternals.hooks()) {
            sb.append(String.format("    %s: %s%s%n", hook.name(), hook.state(),
                    hook.available() ? "" : " (" + hook.fallback() + ")"));
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.put("components", components());
        JsonObject tyrus = new JsonObject();
        tyrus.put("version", TyrusInternals.tyrusVersion());
        List<JsonObject> hooks = new ArrayList<>();
        for (TyrusInternals.Hook hook : TyrusInternals.hooks()) {
            JsonObject h = new JsonObject();
            h.put("name", hook.name());
            h.put("available", hook.available());
            h.put("reason", hook.reason());
            h.put("fallback", hook.fallback());
            hooks.add(h);
        }
        tyrus.put("hooks", hooks);
        root.put("tyrus", tyrus);
        return root;
    }

    private List<JsonObject> components() {
        List<JsonObject> list = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (!(component instanceof ProsaSttComponent prosa)) {
                continue;
            }
            JsonObject c = new JsonObject();
            c.put("name", name);
            ProsaSttClient client = prosa.getClientIfCreated();
            c.put("openSessions", client == null ? 0 : client.openSessions());
            ProsaSttStatistics statistics = prosa.getStatistics();
            c.put("inFlight", statistics.inFlight());
            c.put("total", statistics.total());
            JsonObject outcomes = new JsonObject();
            outcomes.putAll(statistics.outcomes());
            c.put("outcomes", outcomes);
            List<JsonObject> endpoints = new ArrayList<>();
            for (Endpoint e : getCamelContext().getEndpoints()) {
                if (e instanceof ProsaSttEndpoint endpoint && endpoint.getComponent() == prosa) {
                    JsonObject je = new JsonObject();
                    je.put("model", endpoint.getConfiguration().getModel());
                    je.put("url", endpoint.getConfiguration().getUrl());
                    je.put("maxConcurrentStreams", endpoint.getConfiguration().getMaxConcurrentStreams());
                    StreamLimiter limiter = endpoint.getLimiterIfCreated();
                    je.put("queued", limiter == null ? 0 : limiter.waiting());
                    je.put("metrics", endpoint.getMetrics().values());
                    endpoints.add(je);
                }
            }
            c.put("endpoints", endpoints);
            list.add(c);
        }
        return list;
    }
}
