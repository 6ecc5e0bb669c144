package com.camelprosa.component.prosastt;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.camelprosa.prosastt.client.AuthMode;
import com.camelprosa.prosastt.client.internal.TyrusInternals;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;

/**
 * Readiness of one prosa-stt endpoint, in Camel's producers health-check repository as camel-kafka and camel-aws
 * register theirs: is {@code url} reachable, and is the key accepted? Off unless enabled
 * ({@code camel.health.producersEnabled=true}; Camel's default is off for producers).
 * <p>
 * The probe opens a websocket with the key (header or token message, as {@code authMode} says) and waits up to
 * {@value #MAX_PROBE_WAIT_MS} ms (at most {@code responseTimeout}) for the server to refuse it (HTTP 401/403 at the
 * upgrade, or close 4000). It never sends a configuration or audio, so no job is created and no quota is used, then
 * closes with 1000. Details name the url, model and auth mode, never the key, and the state of each hook into Tyrus'
 * internals ({@link TyrusInternals}).
 */
public final class ProsaSttProducerHealthCheck implements HealthCheck {

    static final long MAX_PROBE_WAIT_MS = 1500;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProsaSttEndpoint endpoint;
    private final String id;
    private volatile boolean enabled = true;
    /** One JDK client per check (its selector thread lives as long as the client), built on the first call. */
    private volatile HttpClient http;

    ProsaSttProducerHealthCheck(ProsaSttEndpoint endpoint) {
        this.endpoint = endpoint;
        // Not the endpoint URI: it may hold the key.
        this.id = "producer:prosa-stt-" + endpoint.getConfiguration().getModel() + "-" + IDS.incrementAndGet();
    }

    /** Adds a check for the endpoint to the producers repository, when the context has health checks; else null. */
    static ProsaSttProducerHealthCheck register(ProsaSttEndpoint endpoint) {
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (producers == null) {
            return null;
        }
        ProsaSttProducerHealthCheck check = new ProsaSttProducerHealthCheck(endpoint);
        producers.addHealthCheck(check);
        return check;
    }

    static void unregister(ProsaSttProducerHealthCheck check) {
        if (check == null) {
            return;
        }
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(
                check.endpoint.getCamelContext(), "producers", WritableHealthCheckRepository.class);
        if (producers != null) {
            producers.removeHealthCheck(check);
        }
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false; // an unreachable vendor is not a reason to restart this application
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        ProsaSttConfiguration c = endpoint.getConfiguration();
        builder.detail("url", c.getUrl()).detail("model", c.getModel()).detail("authMode", String.valueOf(c.getAuthMode()));
        tyrusHooks(builder);
        if (c.getApiKey() == null || c.getApiKey().isBlank()) {
            return builder.down().message("No apiKey configured").build();
        }
        try {
            String problem = probe(c);
            return problem == null
                    ? builder.up().message("Reachable; the key was not refused").build()
                    : builder.down().message(problem).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return builder.unknown().message("Interrupted").build();
        } catch (RuntimeException e) {
            return builder.down().message("Cannot check " + c.getUrl() + ": " + e.getClass().getSimpleName()).build();
        }
    }

    /**
     * The Tyrus version and each hook into its internals ({@code tyrus.<hook>}: available, or fallback and why), as
     * details only: a hook that fell back costs a feature, it does not make the endpoint unready.
     */
    private static void tyrusHooks(HealthCheckResultBuilder builder) {
        builder.detail("tyrus.version", TyrusInternals.tyrusVersion());
        for (TyrusInternals.Hook hook : TyrusInternals.hooks()) {
            builder.detail("tyrus." + hook.name(), hook.state());
        }
    }

    /** Null when the server accepted the connection and did not refuse the key; else what went wrong. */
    private String probe(ProsaSttConfiguration c) throws InterruptedException {
        Duration connectTimeout = Duration.ofMillis(Math.max(1, c.getConnectTimeout()));
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closed.complete(code == 4000 ? "The key was refused (close 4000: " + reason + ")"
                        : "The server closed the connection (close " + code + ": " + reason + ")");
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete("Connection failed: " + error.getClass().getSimpleName());
            }
        };
        WebSocket.Builder ws = http(c, connectTimeout).newWebSocketBuilder().connectTimeout(connectTimeout);
        if (c.getAuthMode() != AuthMode.message) {
            ws.header("x-api-key", c.getApiKey());
        }
        WebSocket socket;
        try {
            socket = ws.buildAsync(URI.create(c.getUrl()), listener).get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "No connection to " + c.getUrl() + " within " + connectTimeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                return status == 401 || status == 403 ? "The key was refused at the upgrade (HTTP " + status + ")"
                        : "The websocket upgrade was refused (HTTP " + status + ")";
            }
            // Messages of connect and TLS failures name hosts and causes, never request headers.
            return "Cannot connect to " + c.getUrl() + ": " + (cause == null ? e : cause).getClass().getSimpleName()
                   + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "");
        }
        try {
            if (c.getAuthMode() == AuthMode.message) {
                socket.sendText(JSON.createObjectNode().put("token", c.getApiKey()).toString(), true);
            }
            long wait = Math.min(MAX_PROBE_WAIT_MS, Math.max(1, c.getResponseTimeout()));
            try {
                return closed.get(wait, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return null; // open, and nothing refused within the wait
            } catch (ExecutionException e) {
                return "Connection failed: " + e.getCause().getClass().getSimpleName();
            }
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "health check").whenComplete((w, e) -> socket.abort());
        }
    }

    private HttpClient http(ProsaSttConfiguration c, Duration connectTimeout) {
        HttpClient client = http;
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
            SSLContext ssl = endpoint.getBaseRequest().sslContext();
            if (ssl != null) {
                builder.sslContext(ssl); // host names stay verified (the JDK's default)
            }
            if (c.getProxy() != null && !c.getProxy().isBlank()) {
                URI proxy = URI.create(c.getProxy());
                builder.proxy(ProxySelector.of(
                        new InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort())));
            }
            client = builder.build();
            http = client;
        }
        return client;
    }

    @Override
    public String toString() {
        return "ProsaSttProducerHealthCheck[" + id + ", url=" + endpoint.getConfiguration().getUrl() + "]";
    }
}
