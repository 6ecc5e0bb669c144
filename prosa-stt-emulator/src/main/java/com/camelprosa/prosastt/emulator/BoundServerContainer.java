package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.SSLContext;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/** A Tyrus server on Grizzly that binds the host it is given (Tyrus' own Grizzly container always binds 0.0.0.0). */
final class BoundServerContainer extends TyrusServerContainer {

    private final String host;
    private final SSLContext tls;
    private final TyrusWebSocketEngine engine;
    /**
     * Tyrus' own executors are shared between its containers in a JVM and shut down when any one stops: stopping one
     * emulator would break another's sessions (seen in tests). These live and die with this container.
     */
    private final ExecutorService executor = Executors.newCachedThreadPool(daemon("prosa-emulator-worker"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            daemon("prosa-emulator-tyrus-timer"));
    private String contextPath = "/";
    private HttpServer server;
    private NetworkListener listener;

    BoundServerContainer(String host, int maxMessageBytes, SSLContext tls) {
        super(Set.<Class<?>> of());
        this.host = host;
        this.tls = tls;
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(maxMessageBytes).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        server = new HttpServer();
        listener = new NetworkListener("prosa-stt-emulator", host, port);
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        listener.registerAddOn(new WebSocketAddOn(this, contextPath));
        server.addListener(listener);
        server.start();
        super.start(rootPath, port);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public int getPort() {
        return listener == null ? -1 : listener.getPort();
    }

    @Override
    public ExecutorService getExecutorService() {
        return executor;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return scheduler;
    }

    @Override
    protected void shutdown(ShutDownCondition condition) {
        // the executors are ours: stop() ends them
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
