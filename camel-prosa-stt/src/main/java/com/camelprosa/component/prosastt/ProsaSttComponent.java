package com.camelprosa.component.prosastt;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import com.camelprosa.component.prosastt.client.ProsaSttClient;
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

    @Metadata(description = "Options shared by every endpoint of this component (e.g. apiKey once for all).")
    private ProsaSttConfiguration configuration = new ProsaSttConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSL context parameters when the endpoint sets none.")
    private boolean useGlobalSslContextParameters;

    private ExecutorService senders;
    private ExecutorService callbacks;
    private ScheduledExecutorService timers;
    private ProsaSttClient client;

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

    /** The streaming client shared by this component's endpoints; created when the component starts. */
    synchronized ProsaSttClient getClient() {
        if (client == null) {
            ExecutorServiceManager threads = getCamelContext().getExecutorServiceManager();
            // Upload steps are short (read a chunk, hand it to the socket): an elastic pool keeps as many threads as
            // are busy at once, a few even for a thousand streams; only live InputStreams block in it.
            senders = threads.newThreadPool(this, "ProsaSttSender", elastic("ProsaSttSender"));
            // Exchanges continue here, never on Tyrus' I/O threads: a route that blocks (a streaming split waiting
            // for the next event) would otherwise stop the very thread that delivers the events.
            callbacks = threads.newThreadPool(this, "ProsaSttCallback", elastic("ProsaSttCallback"));
            // One thread; its queue must not be bounded (Camel's default is 1000 tasks): every open session keeps a
            // watchdog and, with realtime pacing, a pending send in it.
            ThreadPoolProfile timer = new ThreadPoolProfile("ProsaSttTimer");
            timer.setPoolSize(1);
            timer.setMaxQueueSize(-1);
            timers = threads.newScheduledThreadPool(this, "ProsaSttTimer", timer);
            client = new ProsaSttClient(senders, timers);
        }
        return client;
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

    /** Where exchanges continue after a session ends (or, for outputType=stream, once the job is created). */
    synchronized ExecutorService getCallbacks() {
        getClient();
        return callbacks;
    }

    /** The component's timer thread (response-timeout watchdogs, pacing, stream waits). */
    synchronized ScheduledExecutorService getTimers() {
        getClient();
        return timers;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (client != null) {
            client.close();
            client = null;
            getCamelContext().getExecutorServiceManager().shutdownNow(senders);
            getCamelContext().getExecutorServiceManager().shutdownNow(callbacks);
            getCamelContext().getExecutorServiceManager().shutdownNow(timers);
        }
        super.doStop();
    }

    // ---- Issue 13 (runtimes): hooks for the dev console, self-contained; nothing above depends on them ----

    private final ProsaSttStatistics statistics = new ProsaSttStatistics(this);

    /** Totals by outcome of the exchanges sent to this component's endpoints (dev console). */
    ProsaSttStatistics getStatistics() {
        return statistics;
    }

    /** The streaming client if it has been created, without creating it (dev console). */
    synchronized ProsaSttClient getClientIfCreated() {
        return client;
    }
}
