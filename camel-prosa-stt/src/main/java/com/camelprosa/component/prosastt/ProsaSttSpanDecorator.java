package com.camelprosa.component.prosastt;

import java.util.Collection;

import com.camelprosa.prosastt.client.ProsaSttException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractSpanDecorator;

/**
 * The {@code prosa-stt} span of Camel's tracing ({@code camel-telemetry}, used by {@code camel-opentelemetry2}): the
 * span of an exchange sent to a {@code prosa-stt} endpoint, a child of the route's span, carries the transcription's
 * model, job id(s), parts, audio seconds, outcome and close code. Never the API key (the endpoint URI in
 * {@code camel.uri} and {@code url.query} is sanitized, as Camel's base decorator does) nor the audio or transcript.
 * <p>
 * camel-telemetry loads this class by {@code ServiceLoader} from
 * {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator} and matches it on the URI scheme; nothing else
 * refers to it, so the component runs the same without camel-telemetry on the classpath.
 */
public class ProsaSttSpanDecorator extends AbstractSpanDecorator {

    /** The model the exchange was transcribed with, e.g. {@code stt-general-online}. */
    public static final String MODEL = "prosa.stt.model";
    /** The job id of the (first) session. */
    public static final String JOB_ID = "prosa.stt.job.id";
    /** Every session's job id, in order, comma separated (several with maxSessionDuration or splitChannels). */
    public static final String JOB_IDS = "prosa.stt.job.ids";
    /** The number of websocket sessions the transcript was made of. */
    public static final String PARTS = "prosa.stt.parts";
    /** Seconds of audio the server processed, from its metadata. */
    public static final String AUDIO_DURATION = "prosa.stt.audio.duration";
    /** {@code success} or {@code failure}. */
    public static final String OUTCOME = "prosa.stt.outcome";
    /** On failure: the exception's simple name. */
    public static final String EXCEPTION = "prosa.stt.exception";
    /** On failure by the server closing the websocket: its close code, e.g. {@code 4000}. */
    public static final String CLOSE_CODE = "prosa.stt.close.code";

    @Override
    public String getComponent() {
        return "prosa-stt";
    }

    @Override
    public String getComponentClassName() {
        return ProsaSttComponent.class.getName();
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        String model = exchange.getMessage().getHeader(ProsaSttConstants.MODEL, String.class);
        if (model != null) {
            span.setTag(MODEL, ProsaSttConfiguration.expandModel(model));
        } else if (endpoint instanceof ProsaSttEndpoint prosa) {
            span.setTag(MODEL, prosa.getBaseRequest().model());
        }
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        Message out = exchange.getMessage();
        tagIfPresent(span, JOB_ID, out.getHeader(ProsaSttConstants.JOB_ID));
        Object jobIds = out.getHeader(ProsaSttConstants.JOB_IDS);
        if (jobIds instanceof Collection<?> ids) {
            tagIfPresent(span, JOB_IDS, String.join(",", ids.stream().map(String::valueOf).toList()));
        }
        tagIfPresent(span, PARTS, out.getHeader(ProsaSttConstants.PARTS));
        tagIfPresent(span, AUDIO_DURATION, out.getHeader(ProsaSttConstants.DURATION));
        Exception failure = exchange.getException();
        if (failure == null) {
            span.setTag(OUTCOME, "success");
            return;
        }
        span.setTag(OUTCOME, "failure");
        span.setTag(EXCEPTION, failure.getClass().getSimpleName());
        if (failure instanceof ProsaSttException p && p.getCloseCode() != ProsaSttException.NO_CLOSE_CODE) {
            span.setTag(CLOSE_CODE, String.valueOf(p.getCloseCode()));
        }
    }

    private static void tagIfPresent(Span span, String key, Object value) {
        if (value != null) {
            span.setTag(key, String.valueOf(value));
        }
    }
}
