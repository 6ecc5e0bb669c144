package com.camelprosa.prosastt.client;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Endpoint;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.Processor;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tyrus' JVM-wide shared Grizzly transport, which Tyrus' API hides: this class starts it with our I/O pool, watches
 * its connections, and stops it when the last client of this library closes. Through reflection on Tyrus 2.2 and
 * Grizzly 4 internals; where they moved, it falls back to what Tyrus does alone (connect bounded by the handshake
 * timeout, transport ended by its idle timeout) and logs that at DEBUG.
 * <p>
 * Why: Tyrus only learns of a connection once the server answered the upgrade. A server that closes the TCP
 * connection before that, or never answers, leaves Tyrus waiting for its handshake timeout and the socket open after
 * it. The probe here ties each TCP connection to the session that asked for it ({@link Watcher}), so a session can
 * fail at once when its connection closes early and drop the connection when its own connect bound passes.
 */
final class GrizzlyTransport {

    /** A Tyrus endpoint that wants to know about its TCP connection before the websocket exists. */
    interface Watcher {
        void connected(Connection<?> connection);

        void disconnected();
    }

    static final String IO_POOL_NAME = "prosa-stt-shared-io";
    private static final Logger LOG = LoggerFactory.getLogger(GrizzlyTransport.class);
    private static final int IO_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final Probe PROBE = new Probe();
    private static final Object LOCK = new Object();
    private static int users;
    private static Object watched;

    private GrizzlyTransport() {
    }

    /** A client starts using the transport: it is started (with our pool) and watched. */
    static void acquire() {
        synchronized (LOCK) {
            users++;
            try {
                Class<?> socket = socketClass();
                Object transport = sharedTransport(socket);
                if (transport == null) {
                    Method create = socket.getDeclaredMethod("getOrCreateSharedTransport", ThreadPoolConfig.class,
                            ThreadPoolConfig.class);
                    create.setAccessible(true);
                    transport = create.invoke(null, ThreadPoolConfig.defaultConfig().setPoolName(IO_POOL_NAME)
                            .setCorePoolSize(IO_THREADS).setMaxPoolSize(IO_THREADS).setQueueLimit(-1)
                            .setDaemon(true).setKeepAliveTime(10, TimeUnit.SECONDS), null);
                }
                if (transport != watched && transport instanceof TCPNIOTransport tcp) {
                    tcp.getConnectionMonitoringConfig().addProbes(PROBE);
                    watched = transport;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.debug("Tyrus' shared transport cannot be watched with this Tyrus version: {}", e.toString());
            }
        }
    }

    /** A client is done with the transport; the last one stops it, if it is the one we started. */
    static void release() {
        synchronized (LOCK) {
            if (--users > 0) {
                return;
            }
            try {
                Class<?> socket = socketClass();
                Object transport = sharedTransport(socket);
                if (transport instanceof TCPNIOTransport tcp
                    && IO_POOL_NAME.equals(tcp.getWorkerThreadPoolConfig().getPoolName())) {
                    tcp.getConnectionMonitoringConfig().removeProbes(PROBE);
                    Method stop = socket.getDeclaredMethod("closeSharedTransport");
                    stop.setAccessible(true);
                    stop.invoke(null);
                }
                watched = null;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.debug("Tyrus' shared transport is left to its idle timeout: {}", e.toString());
            }
        }
    }

    private static Class<?> socketClass() throws ClassNotFoundException {
        return Class.forName("org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket", true,
                GrizzlyTransport.class.getClassLoader());
    }

    private static Object sharedTransport(Class<?> socket) throws ReflectiveOperationException {
        Field field = socket.getDeclaredField("transport");
        field.setAccessible(true);
        return field.get(null);
    }

    /** Tells the session behind a connection (found through the connection's Tyrus filter) what happened to it. */
    private static final class Probe extends ConnectionProbe.Adapter {
        @Override
        public void onConnectEvent(Connection connection) {
            Watcher w = watcherOf(connection);
            if (w != null) {
                w.connected(connection);
            }
        }

        @Override
        public void onCloseEvent(Connection connection) {
            Watcher w = watcherOf(connection);
            if (w != null) {
                w.disconnected();
            }
        }
    }

    private static Watcher watcherOf(Connection<?> connection) {
        try {
            Processor<?> processor = connection.getProcessor();
            if (!(processor instanceof FilterChain chain)) {
                return null;
            }
            for (Filter filter : chain) {
                if (filter.getClass().getName().endsWith(".GrizzlyClientFilter")) {
                    Object engine = fieldOfType(filter, "org.glassfish.tyrus.spi.ClientEngine");
                    Object wrapper = fieldOfType(engine, "org.glassfish.tyrus.core.TyrusEndpointWrapper");
                    Object endpoint = fieldOfType(wrapper, Endpoint.class.getName());
                    return endpoint instanceof Watcher w ? w : null;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.trace("No session for connection {}: {}", connection, e.toString());
        }
        return null;
    }

    static Object fieldOfType(Object target, String typeName) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().getName().equals(typeName)) {
                    f.setAccessible(true);
                    return f.get(target);
                }
            }
        }
        throw new NoSuchFieldException(typeName + " in " + target.getClass().getName());
    }
}
