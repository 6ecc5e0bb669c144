package com.camelprosa.component.prosastt;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.camelprosa.component.prosastt.client.AudioSource;
import com.camelprosa.component.prosastt.client.ProsaSttClient;
import com.camelprosa.component.prosastt.client.ProsaSttException;
import com.camelprosa.component.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.component.prosastt.client.StreamRequest;
import com.camelprosa.component.prosastt.client.Transcript;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Streams the body to Prosa STT. The route thread only prepares the request: connecting and sending run on the
 * component's sender threads, and the exchange continues when the server ends the session.
 */
public class ProsaSttProducer extends DefaultAsyncProducer {

    public ProsaSttProducer(ProsaSttEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ProsaSttEndpoint getEndpoint() {
        return (ProsaSttEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        StreamRequest request;
        AudioSource audio;
        try {
            audio = AudioBodies.sourceOf(exchange);
            request = requestFor(exchange, audio.fileName());
            request.validate();
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        StreamLimiter limiter = getEndpoint().getLimiter();
        if (limiter == null) {
            start(exchange, callback, request, audio, () -> {
            });
        } else {
            long wait = getEndpoint().getConfiguration().getStreamWaitTimeout();
            limiter.run(() -> start(exchange, callback, request, audio, limiter::release), () -> {
                exchange.setException(new ProsaSttRateLimitedException(
                        "No free Prosa STT session within streamWaitTimeout=" + wait + " ms: this endpoint already runs"
                                                                      + " maxConcurrentStreams=" + getEndpoint().getConfiguration().getMaxConcurrentStreams()
                                                                      + " sessions. Raise either, or slow the route down.",
                        ProsaSttException.NO_CLOSE_CODE, null));
                callback.done(false);
            }, wait);
        }
        return false;
    }

    private void start(Exchange exchange, AsyncCallback callback, StreamRequest request, AudioSource audio,
                       Runnable sessionEnded) {
        ProsaSttClient client = getEndpoint().getComponent().getClient();
        Executor callbacks = getEndpoint().getComponent().getCallbacks();
        if (getEndpoint().getConfiguration().getOutputType() == ProsaSttOutputType.stream) {
            client.stream(request, audio).whenCompleteAsync((events, error) -> {
                if (error != null) {
                    sessionEnded.run();
                    exchange.setException(unwrap(error));
                } else {
                    events.completion().whenComplete((t, e) -> sessionEnded.run());
                    exchange.getMessage().setBody(events);
                    exchange.getMessage().setHeader(ProsaSttConstants.JOB_ID, events.jobId());
                    exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                        @Override
                        public void onDone(Exchange done) {
                            events.close();
                        }
                    });
                }
                callback.done(false);
            }, callbacks);
            return;
        }
        client.transcribe(request, audio).whenCompleteAsync((transcript, error) -> {
            sessionEnded.run();
            if (error != null) {
                exchange.setException(unwrap(error));
            } else {
                setOutput(exchange.getMessage(), transcript);
            }
            callback.done(false);
        }, callbacks);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private StreamRequest requestFor(Exchange exchange, String fileName) {
        ProsaSttConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        String model = in.getHeader(ProsaSttConstants.MODEL, String.class);
        String label = in.getHeader(ProsaSttConstants.LABEL, c.getLabel() != null ? c.getLabel() : fileName, String.class);
        return new StreamRequest(c.getUrl(), c.getApiKey(), c.getAuthMode(),
                model != null ? ProsaSttConfiguration.expandModel(model) : c.getModel(), label, c.isIncludePartial(),
                c.isIncludeFiller(), in.getHeader(ProsaSttConstants.AUDIO_FORMAT, c.getAudioFormat(), String.class),
                in.getHeader(ProsaSttConstants.SAMPLE_RATE, c.getSampleRate(), Integer.class),
                in.getHeader(ProsaSttConstants.CHANNELS, c.getChannels(), Integer.class), c.getChunkSize(),
                c.getConnectTimeout(), c.getResponseTimeout(), c.getMaxMessageSize(), getEndpoint().getSslContext(),
                c.getProxy(), c.isRealtime());
    }

    private void setOutput(Message out, Transcript transcript) {
        switch (getEndpoint().getConfiguration().getOutputType()) {
            case transcript -> out.setBody(transcript);
            case segments -> out.setBody(transcript.segments());
            default -> out.setBody(transcript.text());
        }
        out.setHeader(ProsaSttConstants.JOB_ID, transcript.jobId());
        out.setHeader(ProsaSttConstants.SEGMENT_COUNT, transcript.segments().size());
        setIfKnown(out, ProsaSttConstants.DURATION, transcript.duration());
        setIfKnown(out, ProsaSttConstants.QUOTA_USED, transcript.quotaUsed());
        setIfKnown(out, ProsaSttConstants.MAX_REACHED, transcript.maxReached());
    }

    private static void setIfKnown(Message out, String header, Object value) {
        if (value != null) {
            out.setHeader(header, value);
        }
    }
}
