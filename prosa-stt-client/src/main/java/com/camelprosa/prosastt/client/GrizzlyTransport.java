package com.camelprosa.prosastt.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.internal.TyrusInternals;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tyrus' JVM-wide shared Grizzly transport, which Tyrus' API hides: this class starts it with our I/O pool, watches
 * its connections, and stops it when the last client of this library closes, if this library started it and no other
 * Tyrus client of the JVM has a connection on it. Through {@link TyrusInternals}; where a hook fell back, Tyrus does
 * alone what it does (connect bounded by the handshake timeout, transport left running).
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

    static final String IO_POOL_NAME = com.camelprosa.prosastt.client.internal.IoThreads.POOL_NAME;
    private static final Logger LOG = LoggerFactory.getLogger(GrizzlyTransport.class);
    private static final int IO_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final Probe PROBE = new Probe();
    private static final Object LOCK = new Object();
    /** Connections on the watched transport that are not this library's sessions: another Tyrus client's. */
    private static final Set<Connection<?>> OTHERS = ConcurrentHashMap.newKeySet();
    private static int users;
    private static TCPNIOTransport watched;
    private static TCPNIOTransport started;
    /** Set when our last client left while other connections held the transport we started. */
    private static volatile boolean stopWhenOthersLeave;

    private GrizzlyTransport() {
    }

    /** A client starts using the transport: it is started (with our pool) and watched. */
    static void acquire() {
        synchronized (LOCK) {
            users++;
            stopWhenOthersLeave = false;
            TCPNIOTransport transport = TyrusInternals.sharedTransport();
            if (transport == null) {
                transport = TyrusInternals.startSharedTransport(ThreadPoolConfig.defaultConfig()
                        .setPoolName(IO_POOL_NAME).setCorePoolSize(IO_THREADS).setMaxPoolSize(IO_THREADS)
                        .setQueueLimit(-1).setDaemon(true).setKeepAliveTime(10, TimeUnit.SECONDS));
                if (transport != null && IO_POOL_NAME.equals(transport.getWorkerThreadPoolConfig().getPoolName())) {
                    started = transport;
                }
            }
            if (transport != null && transport != watched) {
                if (watched != null) {
                    watched.getConnectionMonitoringConfig().removeProbes(PROBE);
                }
                OTHERS.clear();
                transport.getConnectionMonitoringConfig().addProbes(PROBE);
                watched = transport;
            }
        }
    }

    /**
     * A client is done with the transport; the last one stops it, if this library started it and no other Tyrus
     * client of the JVM holds a connection on it (else it is stopped when the last of those connections closes).
     */
    static void release() {
        synchronized (LOCK) {
            if (--users == 0 && watched != null && watched != started) {
                watched.getConnectionMonitoringConfig().removeProbes(PROBE); // another client's transport
                watched = null;
                OTHERS.clear();
            }
            stopIfUnused();
        }
    }

    private static void stopIfUnused() {
        synchronized (LOCK) {
            if (users > 0) {
                return;
            }
            TCPNIOTransport transport = TyrusInternals.sharedTransport();
            if (transport == null || transport != started) {
                return; // not running, or another Tyrus client started it: not ours to stop
            }
            if (!OTHERS.isEmpty()) {
                stopWhenOthersLeave = true;
                LOG.debug("Tyrus' shared transport stays up: {} connection(s) of another Tyrus client use it",
                        OTHERS.size());
                return;
            }
            stopWhenOthersLeave = false;
            transport.getConnectionMonitoringConfig().removeProbes(PROBE);
            watched = null;
            started = null;
            TyrusInternals.closeSharedTransport();
        }
    }

    /** Tells the session behind a connection what happened to it; counts the connections of other Tyrus clients. */
    private static final class Probe extends ConnectionProbe.Adapter {
        @Override
        public void onConnectEvent(Connection connection) {
            if (TyrusInternals.endpointOf(connection) instanceof Watcher w) {
                w.connected(connection);
            } else {
                OTHERS.add(connection); // or ours, if the connection watch fell back: the stop then waits for them too
            }
        }

        @Override
        public void onCloseEvent(Connection connection) {
            if (OTHERS.remove(connection) && OTHERS.isEmpty() && stopWhenOthersLeave) {
                // not on this I/O thread: stopping the transport stops its threads
                Thread stop = new Thread(GrizzlyTransport::stopIfUnused, "prosa-stt-transport-stop");
                stop.setDaemon(true);
                stop.start();
            }
            if (TyrusInternals.endpointOf(connection) instanceof Watcher w) {
                w.disconnected();
            }
        }
    }
}
