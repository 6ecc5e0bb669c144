package com.camelprosa.prosastt.client;

import java.io.Closeable;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.camelprosa.prosastt.client.internal.TyrusInternals;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * Opens and ends websockets with Tyrus. Everything here works around what Tyrus' API does not offer:
 * <ul>
 * <li>A Tyrus connect blocks its thread until the handshake ends, so connects run on pools of their own, one per
 * server (scheme, host, port and proxy): a server that never answers holds only its own pool, never another
 * endpoint's connects. The session bounds each connect from the moment it was asked for and interrupts it at the
 * bound.</li>
 * <li>The websocket API can only close politely (a close frame, then waiting for the peer's). {@link #abort} drops the
 * TCP connection at once, for peers that will never answer ({@link TyrusInternals#dropConnection}).</li>
 * <li>Tyrus' I/O runs on its JVM-wide shared Grizzly transport, which {@link GrizzlyTransport} starts with our pool,
 * watches, and stops when the last client of this library closes.</li>
 * </ul>
 */
final class TyrusConnector implements Closeable {

    private static final int CONNECTS_PER_SERVER = 8;

    /** Tyrus runs each connect's steps on this executor while a connect thread waits for it: as many as those. */
    private final ExecutorService tyrusWorkers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("prosa-stt-tyrus"));
    /** Tyrus' own timers (idle timeouts, rescheduled on every message). */
    private final ScheduledExecutorService tyrusTimers = Executors.newSingleThreadScheduledExecutor(
            daemon("prosa-stt-tyrus-timer"));
    private final Map<Transport, ClientManager> managers = new ConcurrentHashMap<>();
    private final Map<String, ThreadPoolExecutor> connectPools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TyrusConnector() {
        GrizzlyTransport.acquire();
    }

    /**
     * Connects on the server's connect pool; Tyrus calls {@code endpoint.onOpen} once the upgrade succeeded.
     *
     * @return the connect in progress, to cancel (interrupt) when its bound passes
     */
    Future<?> connect(StreamRequest request, Endpoint endpoint, ClientEndpointConfig config,
                      Consumer<Throwable> onFailure) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        URI uri = URI.create(request.url());
        ClientManager manager = manager(new Transport(request.connectTimeout(), request.maxMessageSize(),
                request.sslContext(), request.proxy()));
        return connectPool(uri, request.proxy()).submit(() -> {
            try {
                manager.connectToServer(endpoint, config, uri);
            } catch (Exception | Error e) {
                onFailure.accept(e);
            }
        });
    }

    /** Drops the session's TCP connection now, without a close handshake (politely where Tyrus' internals moved). */
    void abort(Session session) {
        if (TyrusInternals.dropConnection(session)) {
            return;
        }
        try {
            session.close();
        } catch (Exception ignored) {
            // the connection is gone already
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connectPools.values().forEach(ThreadPoolExecutor::shutdownNow);
        connectPools.clear();
        managers.clear();
        tyrusWorkers.shutdownNow();
        tyrusTimers.shutdownNow();
        GrizzlyTransport.release();
    }

    /** What a Tyrus client is configured with; sessions that agree on it share one client. */
    private record Transport(long connectTimeout, int maxMessageSize, SSLContext sslContext, String proxy) {
    }

    private ClientManager manager(Transport transport) {
        return managers.computeIfAbsent(transport, t -> {
            ClientManager manager = new OwnedExecutorsClientManager(tyrusWorkers, tyrusTimers);
            Map<String, Object> p = manager.getProperties();
            p.put(ClientProperties.SHARED_CONTAINER, true);
            // The transport is started and stopped by GrizzlyTransport; Tyrus' idle timer must not stop it under us.
            p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, Integer.MAX_VALUE / 1000);
            // The session bounds the connect itself (and drops the connection at the bound); Tyrus' own timeout is a
            // backstop that must not fire first.
            p.put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, t.connectTimeout() + 5000));
            p.put(ClientProperties.INCOMING_BUFFER_SIZE, t.maxMessageSize() + 1024);
            if (t.sslContext() != null) {
                // Host name verification stays on (Tyrus' default): a trusted certificate for another host fails.
                p.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(t.sslContext()));
            }
            if (t.proxy() != null) {
                p.put(ClientProperties.PROXY_URI, t.proxy());
            }
            return manager;
        });
    }

    private ThreadPoolExecutor connectPool(URI uri, String proxy) {
        String server = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + (proxy == null ? "" : " via " + proxy);
        return connectPools.computeIfAbsent(server, s -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(CONNECTS_PER_SERVER, CONNECTS_PER_SERVER, 10,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("prosa-stt-connect"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
