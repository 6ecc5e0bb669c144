package com.camelprosa.example;

import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The transcription the inbox joins share ({@link FileRoutes}, {@link FtpRoutes}): {@code direct:transcribe} takes
 * audio and gives a {@code Transcript}, retrying ({@code example.retries}, exponential backoff) what may succeed later:
 * rate limited, connection lost, timeout. {@code direct:stt} is one attempt, which sends the whole audio again, and
 * logs the job's upload progress ({@link AudioJob}).
 */
public class TranscribeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        AudioJob job = AudioJob.of(getContext());
        errorHandler(defaultErrorHandler().logExhausted(false));

        from("direct:transcribe").routeId("transcribe")
                .onException(ProsaSttRateLimitedException.class, ProsaSttConnectionException.class,
                        ProsaSttTimeoutException.class)
                    .maximumRedeliveries("{{example.retries}}").redeliveryDelay(2000).useExponentialBackOff()
                    .retryAttemptedLogLevel(LoggingLevel.WARN).logExhausted(false)
                .end()
                .process(job::start)
                .to("direct:stt")
                .process(job::done);

        // Opens the audio again on every attempt, counting what is sent.
        from("direct:stt").routeId("stt").errorHandler(noErrorHandler()).streamCache("false")
                .process(job::openWithProgress)
                .doTry()
                    .to("prosa-stt:general?outputType=transcript&realtime={{example.realtime}}")
                .doCatch(Exception.class)
                    // Put the audio back: error handling must not try to cache the spent upload stream.
                    .process(AudioJob::restoreAndRethrow)
                .end();
    }
}
