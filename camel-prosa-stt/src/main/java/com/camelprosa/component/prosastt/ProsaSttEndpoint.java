package com.camelprosa.component.prosastt;

import java.util.Map;

import javax.net.ssl.SSLContext;

import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.SessionObserver;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.Subtitles;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/** Transcribes the message body (audio) with the Prosa.ai streaming speech-to-text API. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "prosa-stt", title = "Prosa.ai Speech-to-Text", syntax = "prosa-stt:model",
             producerOnly = true, category = { Category.AI, Category.CLOUD }, headersClass = ProsaSttConstants.class)
public class ProsaSttEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private ProsaSttConfiguration configuration;

    private volatile StreamRequest baseRequest;
    private volatile Subtitles subtitles;
    private volatile StreamLimiter limiter;
    private volatile Endpoint eventEndpoint;
    private volatile Producer eventProducer;
    private volatile ProsaSttProducerHealthCheck healthCheck;
    private volatile ProsaSttMetrics metrics = ProsaSttMetrics.NONE;

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

    /** Checks every static option, naming the one to fix, before any route uses the endpoint. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ProsaSttConfiguration c = configuration;
        if (c.getOutputType() == null) {
            throw invalid("The outputType option is not set: use text, transcript, segments, stream, srt or vtt.");
        }
        if (c.getMaxConcurrentStreams() < 0) {
            throw invalid("maxConcurrentStreams=" + c.getMaxConcurrentStreams() + " must be 0 (no limit) or more.");
        }
        if (c.getStreamWaitTimeout() <= 0) {
            throw invalid("streamWaitTimeout=" + c.getStreamWaitTimeout() + " must be positive (e.g. 60s).");
        }
        if (c.getEventUri() != null && c.getOutputType() == ProsaSttOutputType.stream) {
            throw invalid("eventUri and outputType=stream both deliver the live events: use one of them.");
        }
        if (c.getSubtitleMaxCueDuration() <= 0 || c.getSubtitleMaxLineLength() <= 0 || c.getSubtitleMaxLines() <= 0) {
            throw invalid("subtitleMaxCueDuration=" + c.getSubtitleMaxCueDuration() + ", subtitleMaxLineLength="
                          + c.getSubtitleMaxLineLength() + " and subtitleMaxLines=" + c.getSubtitleMaxLines()
                          + " must all be positive.");
        }
        subtitles = new Subtitles(c.getSubtitleMaxCueDuration(), c.getSubtitleMaxLineLength(), c.getSubtitleMaxLines());
        SSLContext ssl = c.getSslContextParameters() == null ? null
                : c.getSslContextParameters().createSSLContext(getCamelContext());
        baseRequest = ProsaSttBinding.request(c, ssl);
        if (c.getEventUri() != null) {
            eventEndpoint = getCamelContext().getEndpoint(c.getEventUri());
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = ProsaSttProducerHealthCheck.register(this);
        if (configuration.getMaxConcurrentStreams() > 0) {
            limiter = new StreamLimiter(configuration.getMaxConcurrentStreams(), getComponent().getTimers());
        }
        metrics = ProsaSttMetrics.of(this);
        SessionObserver sessions = metrics.observer(baseRequest.model());
        if (sessions != null) {
            baseRequest = baseRequest.toBuilder().observer(sessions).build(); // once: no exchange builds a request for it
        }
        if (eventEndpoint != null) {
            Producer producer = eventEndpoint.createProducer();
            ServiceHelper.startService(producer);
            eventProducer = producer;
        }
    }

    @Override
    protected void doStop() throws Exception {
        ProsaSttProducerHealthCheck.unregister(healthCheck);
        healthCheck = null;
        metrics.close();
        metrics = ProsaSttMetrics.NONE;
        StreamLimiter l = limiter;
        limiter = null;
        if (l != null) {
            l.close();
        }
        Producer producer = eventProducer;
        eventProducer = null;
        ServiceHelper.stopService(producer);
        super.doStop();
    }

    /** The request every exchange starts from (headers may override some fields); built and checked at init. */
    StreamRequest getBaseRequest() {
        return baseRequest;
    }

    /** How outputType=srt and vtt lay out their cues; built and checked at init. */
    Subtitles getSubtitles() {
        return subtitles;
    }

    /** The limit on this endpoint's concurrent sessions, or null when maxConcurrentStreams is 0 or stopped. */
    StreamLimiter getLimiter() {
        return limiter;
    }

    /** Where this endpoint's exchanges record their metrics (nowhere without Micrometer and a registry). */
    ProsaSttMetrics getMetrics() {
        return metrics;
    }

    /** The producer of the eventUri endpoint, or null. */
    Producer getEventProducer() {
        return eventProducer;
    }

    private static ProsaSttInvalidConfigurationException invalid(String message) {
        return new ProsaSttInvalidConfigurationException(message, null);
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

    /** The session limiter, or null (dev console). */
    StreamLimiter getLimiterIfCreated() {
        return limiter;
    }
}
