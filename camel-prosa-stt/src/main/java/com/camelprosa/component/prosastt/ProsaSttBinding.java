package com.camelprosa.component.prosastt;

import java.util.Arrays;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import com.camelprosa.prosastt.client.SessionObserver;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.StreamRequestBuilder;
import com.camelprosa.prosastt.client.Subtitles;
import com.camelprosa.prosastt.client.Transcript;
import org.apache.camel.Message;

/**
 * Between Camel and the client: the endpoint's options as the client's request (the one mapping of them), a message's
 * headers as its overrides, and a confirmed transcript as the message's body and headers.
 */
final class ProsaSttBinding {

    private ProsaSttBinding() {
    }

    /** The request every exchange of an endpoint starts from; {@link StreamRequestBuilder#build()} checks it. */
    static StreamRequest request(ProsaSttConfiguration c, SSLContext ssl) {
        return StreamRequest.builder().url(c.getUrl()).apiKey(c.getApiKey()).authMode(c.getAuthMode())
                .model(c.getModel()).label(c.getLabel()).includePartial(c.isIncludePartial())
                .includeFiller(c.isIncludeFiller()).dropRepeatedPartials(c.isDropRepeatedPartials())
                .audioFormat(c.getAudioFormat()).sampleRate(c.getSampleRate())
                .channels(c.getChannels()).chunkSize(c.getChunkSize()).connectTimeout(c.getConnectTimeout())
                .responseTimeout(c.getResponseTimeout()).finalizeTimeout(c.getFinalizeTimeout())
                .maxMessageSize(c.getMaxMessageSize()).sslContext(ssl).proxy(c.getProxy()).realtime(c.isRealtime())
                .maxSessionDuration(c.getMaxSessionDuration()).splitChannels(c.isSplitChannels())
                // with maxConcurrentStreams, a live call holds one session: its next part connects after the last
                .connectAhead(c.getMaxConcurrentStreams() == 0)
                .channelNames(c.getChannelNames() == null ? null
                        : Arrays.stream(c.getChannelNames().split(",")).map(String::strip)
                                .filter(n -> !n.isEmpty()).toList())
                .build();
    }

    /**
     * The request for one message: the endpoint's, with the message's headers and the body's file name as label; a
     * model header brings that model's session observer ({@code observers}, which may give null).
     */
    static StreamRequest request(StreamRequest base, Message in, String fileName,
                                 Function<String, SessionObserver> observers) {
        String model = in.getHeader(ProsaSttConstants.MODEL, String.class);
        String label = in.getHeader(ProsaSttConstants.LABEL, String.class);
        String format = in.getHeader(ProsaSttConstants.AUDIO_FORMAT, String.class);
        Integer rate = in.getHeader(ProsaSttConstants.SAMPLE_RATE, Integer.class);
        Integer channels = in.getHeader(ProsaSttConstants.CHANNELS, Integer.class);
        if (label == null && base.label() == null && fileName != null) {
            label = fileName;
        }
        if (model == null && label == null && format == null && rate == null && channels == null) {
            return base;
        }
        StreamRequestBuilder b = base.toBuilder();
        if (model != null) {
            String expanded = ProsaSttConfiguration.expandModel(model);
            b.model(expanded).observer(observers.apply(expanded));
        }
        if (label != null) {
            b.label(label);
        }
        if (format != null) {
            b.audioFormat(format);
        }
        if (rate != null) {
            b.sampleRate(rate);
        }
        if (channels != null) {
            b.channels(channels);
        }
        return b.build();
    }

    /** The confirmed transcript as the message's body ({@code outputType}) and headers. */
    static void output(Message out, Transcript transcript, ProsaSttOutputType outputType, Subtitles subtitles) {
        switch (outputType) {
            case transcript -> out.setBody(transcript);
            case segments -> out.setBody(transcript.segments());
            case srt -> out.setBody(subtitles.srt(transcript));
            case vtt -> out.setBody(subtitles.vtt(transcript));
            default -> out.setBody(transcript.text());
        }
        out.setHeader(ProsaSttConstants.JOB_ID, transcript.jobId());
        out.setHeader(ProsaSttConstants.JOB_IDS, transcript.jobIds());
        out.setHeader(ProsaSttConstants.PARTS, transcript.parts());
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
