package com.camelprosa.prosastt.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.glassfish.tyrus.client.ClientManager;

/**
 * A Tyrus client whose executors belong to us. Tyrus' own {@link ClientManager} shuts its executors down whenever its
 * last session closes; a session connecting at that moment is left with terminated executors and fails its first
 * send with a {@code RejectedExecutionException}. Seen in this project's tests; with concurrent sessions it would hit
 * users at random. Here the executors live as long as the {@link ProsaSttClient}.
 * Tyrus issue: <a href="https://github.com/eclipse-ee4j/tyrus/issues/640">eclipse-ee4j/tyrus#640</a> (the shutdown
 * condition is not thread safe, so a connect made as the last session closes gets a RejectedExecutionException).
 */
final class OwnedExecutorsClientManager extends ClientManager {

    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    OwnedExecutorsClientManager(ExecutorService executor, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.scheduler = scheduler;
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
    public void shutdown() {
        // the executors are the ProsaSttClient's to shut down
    }

    @Override
    protected void shutdown(ShutDownCondition condition) {
        // Tyrus calls this when its last session closes: keep the executors for the next session
    }
}
