package com.camelprosa.prosastt.emulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import org.glassfish.tyrus.client.ClientManager;

/**
 * Bare Tyrus clients for driving the emulator by hand (protocol tests, benchmark baselines). Tyrus' own
 * {@link ClientManager} shuts its executors down when its last session closes, racing the next connect; these keep
 * daemon executors for the life of the JVM.
 * Tyrus issue: <a href="https://github.com/eclipse-ee4j/tyrus/issues/640">eclipse-ee4j/tyrus#640</a> (the shutdown
 * condition is not thread safe, so a connect made as the last session closes gets a RejectedExecutionException).
 */
public final class TyrusClients {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(daemon("tyrus-client-worker"));
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            daemon("tyrus-client-timer"));

    private TyrusClients() {
    }

    public static ClientManager withOwnExecutors() {
        return new ClientManager() {
            @Override
            public ExecutorService getExecutorService() {
                return WORKERS;
            }

            @Override
            public ScheduledExecutorService getScheduledExecutorService() {
                return TIMERS;
            }

            @Override
            protected void shutdown(ShutDownCondition condition) {
                // the executors live as long as the JVM
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
