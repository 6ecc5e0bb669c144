package com.camelprosa.component.prosastt;

import java.util.Map;

import javax.net.ssl.SSLContext;

import com.camelprosa.component.prosastt.client.AudioFormat;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** Transcribes the message body (audio) with the Prosa.ai streaming speech-to-text API. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "prosa-stt", title = "Prosa.ai Speech-to-Text", syntax = "prosa-stt:model",
             producerOnly = true, category = { Category.AI, Category.CLOUD }, headersClass = ProsaSttConstants.class)
public class ProsaSttEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private ProsaSttConfiguration configuration;

    public ProsaSttEndpoint(String uri, ProsaSttComponent component, ProsaSttConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ProsaSttComponent getComponent() {
        return (ProsaSttComponent) super.getComponent();
    }

    public ProsaSttConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProsaSttConfiguration configuration) {
        this.configuration = configuration;
    }

    private SSLContext sslContext;

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        AudioFormat.fromName(configuration.getAudioFormat());
        if (configuration.getSslContextParameters() != null) {
            sslContext = configuration.getSslContextParameters().createSSLContext(getCamelContext());
        }
    }

    private volatile StreamLimiter limiter;

    /** The limit on this endpoint's concurrent sessions, or null when maxConcurrentStreams is 0. */
    StreamLimiter getLimiter() {
        if (limiter == null && configuration.getMaxConcurrentStreams() > 0) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new StreamLimiter(configuration.getMaxConcurrentStreams(), getComponent().getTimers());
                }
            }
        }
        return limiter;
    }

    /** The TLS context built from sslContextParameters once, or null for the JVM default. */
    SSLContext getSslContext() {
        return sslContext;
    }

    @Override
    public Producer createProducer() {
        return new ProsaSttProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(
                "prosa-stt has no consumer: send audio to it with to(\"prosa-stt:general\")");
    }

    @Override
    public String getServiceUrl() {
        return configuration.getUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "websocket";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("model", String.valueOf(configuration.getModel()));
    }

    // ---- Issue 13 (runtimes): health check and dev-console statistics, self-contained ----

    private ProsaSttProducerHealthCheck healthCheck;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getComponent().getStatistics().watch(getCamelContext());
        healthCheck = ProsaSttProducerHealthCheck.register(this);
    }

    @Override
    protected void doStop() throws Exception {
        ProsaSttProducerHealthCheck.unregister(healthCheck);
        healthCheck = null;
        super.doStop();
    }

    /** The session limiter if an exchange has created it, without creating it (dev console). */
    StreamLimiter getLimiterIfCreated() {
        return limiter;
    }
}
