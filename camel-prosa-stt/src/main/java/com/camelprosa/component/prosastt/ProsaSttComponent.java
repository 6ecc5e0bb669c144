package com.camelprosa.component.prosastt;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** Sends audio to the Prosa.ai streaming speech-to-text API and returns the transcript. */
@Component("prosa-stt")
public class ProsaSttComponent extends DefaultComponent implements SSLContextParametersAware {

    /** The longest an exchange waits for a start of the component that another thread has begun. */
    private static final long START_WAIT_SECONDS = 30;

    @Metadata(description = "Options shared by every endpoint of this component (e.g. apiKey once for all).")
    private ProsaSttConfiguration configuration = new ProsaSttConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSL context parameters when the endpoint sets none.")
    private boolean useGlobalSslContextParameters;

    @Metadata(label = "advanced", autowired = true,
              description = "A streaming client of your own (one bean of type ProsaSttClient in the registry is used"
                            + " by itself). The component borrows it: stopping the component neither closes it nor ends"
                            + " its sessions. Without one, the component makes its own on Camel's thread pools and"
                            + " closes it when it stops.")
    private volatile ProsaSttClient client;

    private volatile ExecutorService senders;
    private volatile ExecutorService callbacks;
    private volatile ScheduledExecutorService timers;
    private volatile boolean ownsClient;
    private volatile CountDownLatch started = new CountDownLatch(1);
    private volatile boolean stopped;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ProsaSttConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setModel(ProsaSttConfiguration.expandModel(remaining));
        ProsaSttEndpoint endpoint = new ProsaSttEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getSslContextParameters() == null) {
            endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    public ProsaSttConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProsaSttConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager threads = getCamelContext().getExecutorServiceManager();
        // Upload steps are short (read a chunk, hand it to the socket): an elastic pool keeps as many threads as are
        // busy at once, a few even for a thousand streams; only live InputStreams block in it.
        senders = threads.newThreadPool(this, "ProsaSttSender", elastic("ProsaSttSender"));
        // Exchanges continue here, not on Tyrus' I/O threads (unless an endpoint says continueOnIoThread): a route
        // that blocks (a streaming split waiting for the next event) would otherwise stop the thread that delivers
        // the events.
        callbacks = threads.newThreadPool(this, "ProsaSttCallback", elastic("ProsaSttCallback"));
        // Its queue must not be bounded (Camel's default is 1000 tasks): every open session keeps a watchdog and, with
        // realtime pacing, a pending send in it. A paced send frames and masks its chunk on this thread (Tyrus does
        // that in sendBinary), so one thread per core: a frame that falls due while another is masked goes out now.
        ThreadPoolProfile timer = new ThreadPoolProfile("ProsaSttTimer");
        timer.setPoolSize(ProsaSttClient.TIMER_THREADS);
        timer.setMaxQueueSize(-1);
        timers = threads.newScheduledThreadPool(this, "ProsaSttTimer", timer);
        if (client == null) {
            client = new ProsaSttClient(senders, timers);
            ownsClient = true;
        }
        stopped = false;
        started.countDown();
    }

    /** Threads made when all are busy and ended after 10 s idle; never a queue, never a rejection. */
    private static ThreadPoolProfile elastic(String id) {
        ThreadPoolProfile profile = new ThreadPoolProfile(id);
        profile.setPoolSize(1); // Camel turns a pool size of 0 into a pool of exactly one thread
        profile.setAllowCoreThreadTimeOut(true);
        profile.setMaxPoolSize(Integer.MAX_VALUE);
        profile.setKeepAliveTime(10L);
        profile.setMaxQueueSize(0);
        return profile;
    }

    public ProsaSttClient getClient() {
        return client;
    }

    public void setClient(ProsaSttClient client) {
        this.client = client;
    }

    /**
     * The streaming client shared by this component's endpoints while the component is started.
     *
     * @throws ProsaSttConnectionException when the component is not started (stopped, or stopping)
     */
    ProsaSttClient startedClient() {
        ProsaSttClient c = awaitStarted() ? client : null;
        if (c == null) {
            throw new ProsaSttConnectionException("The prosa-stt component is stopped: no session can start. Start"
                                                  + " the CamelContext again; after a restart, resolve the endpoint again"
                                                  + " (a ProducerTemplate or endpoint kept from before the stop still"
                                                  + " holds the stopped component).", ProsaSttException.NO_CLOSE_CODE,
                    null, null);
        }
        return c;
    }

    /**
     * Where exchanges continue after a session ends (or, for outputType=stream, once the job is created). Runs the
     * task on the calling thread once the pool is shut down, so every exchange still completes.
     */
    Executor getCallbacks() {
        return task -> {
            ExecutorService pool = callbacks;
            try {
                if (pool == null) {
                    throw new RejectedExecutionException("stopped");
                }
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    /** The component's timer threads (session bounds, pacing, stream waits); null when stopped. */
    ScheduledExecutorService getTimers() {
        awaitStarted();
        return timers;
    }

    /**
     * Whether the component is started, after waiting (bounded) for a start in progress: Camel may hand a component
     * that one thread is still starting to another thread's endpoint. Never starts the component itself.
     */
    private boolean awaitStarted() {
        CountDownLatch latch = started; // released once doStart has set every field, replaced when stopping
        if (latch.getCount() == 0) {
            return true;
        }
        if (!stopped && !isStopping()) {
            try {
                return latch.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    @Override
    protected void doStop() throws Exception {
        stopped = true;
        started = new CountDownLatch(1);
        if (ownsClient) {
            ProsaSttClient c = client;
            client = null;
            ownsClient = false;
            c.close(); // ends open sessions first: their exchanges complete on the callback pool, still running
        }
        ExecutorServiceManager threads = getCamelContext().getExecutorServiceManager();
        if (senders != null) {
            threads.shutdownNow(senders);
            threads.shutdownGraceful(callbacks);
            threads.shutdownNow(timers);
            senders = null;
            callbacks = null;
            timers = null;
        }
        super.doStop();
    }

    private final ProsaSttStatistics statistics = new ProsaSttStatistics();

    /** Totals by outcome of the exchanges sent to this component's endpoints (dev console). */
    ProsaSttStatistics getStatistics() {
        return statistics;
    }

    /** The streaming client while the component is started, else null (dev console). */
    ProsaSttClient getClientIfCreated() {
        return started.getCount() == 0 ? client : null;
    }
}
