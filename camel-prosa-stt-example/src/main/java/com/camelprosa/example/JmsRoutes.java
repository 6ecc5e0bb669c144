package com.camelprosa.example;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import jakarta.jms.JMSException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMS jobs shared by any number of instances: a job is a message on {@code example.jms.jobs} whose body is the audio
 * (headers {@code jobId}, {@code jobName}); its transcript (JSON text, header {@code instance}) goes to
 * {@code example.jms.results}. A job that is not retryable, or still failing after {@code example.jms.max-attempts}
 * attempts, goes to {@code example.jms.dead} with its audio and headers {@code reason} and {@code failedOn}.
 * <p>
 * Transacted: the job leaves the queue only when its result (or its dead letter) is sent, in one commit. The whole
 * route runs on the listener's thread, which owns the JMS session: prosa-stt sees that its exchange comes from a
 * transacted consumer and continues on that thread, with nothing to set. Retries wait here, with
 * exponential backoff, whatever the broker's redelivery delay. An instance that dies before the commit, or a broker
 * that goes away, leaves the job on the queue; the broker hands it out again.
 */
public class JmsRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");
    /** Exchange property: the attempt under way in this delivery (1 until a retry). */
    private static final String ATTEMPT = "exampleJobAttempt";

    @Override
    public void configure() {
        AudioJob job = AudioJob.of(getContext());
        String instance = resolve("{{example.instance}}");
        String dead = resolve("{{example.jms.dead}}");
        int maxAttempts = Integer.parseInt(resolve("{{example.jms.max-attempts}}"));

        // A rollback (the broker unavailable, below) is logged by the route, in one line.
        errorHandler(deadLetterChannel("direct:dead-letter").logExhausted(false)
                .retriesExhaustedLogLevel(LoggingLevel.DEBUG).onPrepareFailure(e -> {
            e.getMessage().setHeader("reason", Failures.reason(Failures.caught(e)));
            e.getMessage().setHeader("failedOn", instance);
            e.getMessage().setBody(e.getProperty(AudioJob.AUDIO));
        }));
        onException(ProsaSttRateLimitedException.class, ProsaSttConnectionException.class,
                ProsaSttTimeoutException.class)
                .maximumRedeliveries(maxAttempts - 1).redeliveryDelay("{{example.jms.retry-delay}}")
                .useExponentialBackOff()
                .onRedelivery(e -> {
                    e.setProperty(ATTEMPT, e.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class) + 1);
                    LOG.warn("Job {} failed on {} (attempt {} of {}), trying again: {}", e.getProperty(AudioJob.NAME),
                            instance, e.getIn().getHeader(Exchange.REDELIVERY_COUNTER), maxAttempts,
                            Failures.caught(e).getMessage());
                    job.openWithProgress(e);
                });
        // The result could not be sent: the broker is unavailable. Nothing to dead-letter; the job stays queued.
        onException(JMSException.class).handled(true).retriesExhaustedLogLevel(LoggingLevel.DEBUG)
                .process(e -> LOG.warn("Job {} on {}: the broker is unavailable ({}); the job stays on the queue and "
                                       + "will be redelivered", e.getProperty(AudioJob.NAME), instance,
                        Failures.caught(e).getMessage()))
                .markRollbackOnly();

        from("jms:queue:{{example.jms.jobs}}?transacted=true&concurrentConsumers={{example.jms.consumers}}"
             + "&cacheLevelName=CACHE_CONSUMER&errorHandlerLoggingLevel=DEBUG")
                .routeId("jms-worker").streamCache("false")
                .setHeader(ProsaSttConstants.LABEL, header("jobName"))
                .process(job::start)
                .process(job::openWithProgress)
                .to("prosa-stt:general?outputType=transcript&realtime={{example.realtime}}")
                .process(job::done)
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class) // a TextMessage of JSON
                .setHeader("instance", constant(instance))
                .to("jms:queue:{{example.jms.results}}");

        from("direct:dead-letter").routeId("jms-dead-letter").errorHandler(noErrorHandler())
                .doTry()
                    .to("jms:queue:{{example.jms.dead}}")
                    .process(e -> LOG.warn("Job {} failed on {} after {} attempt(s), moved to {}: {}",
                            e.getProperty(AudioJob.NAME), instance, attempts(e), dead, e.getIn().getHeader("reason")))
                .doCatch(JMSException.class)
                    .process(e -> LOG.warn("Job {} failed on {} after {} attempt(s) ({}), and could not be moved to {}: "
                                           + "the broker is unavailable ({}); the job stays on the queue and will be "
                                           + "redelivered", e.getProperty(AudioJob.NAME), instance, attempts(e),
                            e.getIn().getHeader("reason"), dead, Failures.caught(e).getMessage()))
                    .markRollbackOnly()
                .end();
    }

    private static int attempts(Exchange e) {
        return e.getProperty(ATTEMPT, 1, Integer.class);
    }

    private String resolve(String placeholder) {
        return getContext().resolvePropertyPlaceholders(placeholder);
    }
}
