package com.camelprosa.component.prosastt.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.glassfish.tyrus.client.ClientManager;

/**
 * A Tyrus client whose executors belong to us. Tyrus' own {@link ClientManager} shuts its executors down whenever its
 * last session closes; a session connecting at that moment is left with terminated executors and fails its first
 * send with a {@code RejectedExecutionException}. Seen in this project's tests; with concurrent sessions it would hit
 * users at random. Here the executors live as long as the {@link ProsaSttClient}.
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

    /**
     * Creates the client with this bundle's class loader as the thread context class loader: Tyrus' ClientManager
     * loads its container ({@code org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer}) by name
     * through it. In OSGi the context loader of a Camel thread may be anything (or none, and then Tyrus falls back to
     * the tyrus-client bundle, which does not import the Grizzly container); this bundle imports that package.
     * Outside OSGi this is the class loader that loaded the component, so nothing changes.
     */
    static OwnedExecutorsClientManager create(ExecutorService executor, ScheduledExecutorService scheduler) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OwnedExecutorsClientManager.class.getClassLoader());
        try {
            return new OwnedExecutorsClientManager(executor, scheduler);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
