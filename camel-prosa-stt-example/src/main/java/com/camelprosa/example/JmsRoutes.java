package com.camelprosa.example;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.ProsaSttException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMS jobs shared by any number of instances: a job is a message on {@code example.jms.jobs} whose body is the audio
 * (headers {@code jobId}, {@code jobName}); its transcript (JSON text, header {@code instance}) goes to
 * {@code example.jms.results}. A job that is not retryable, or still failing after {@code example.jms.max-attempts}
 * deliveries, goes to {@code example.jms.dead} with its audio and headers {@code reason} and {@code failedOn}.
 * <p>
 * Transacted: the job leaves the queue only when its result is on the result queue (one commit). An instance that
 * dies mid-stream never commits, so the broker gives the job to another instance.
 */
public class JmsRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");

    @Override
    public void configure() {
        AudioJob job = AudioJob.of(getContext());
        String instance = resolve("{{example.instance}}");
        int maxAttempts = Integer.parseInt(resolve("{{example.jms.max-attempts}}"));
        Predicate giveUp = e -> {
            Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            boolean retryable = t instanceof ProsaSttException p && p.isRetryable();
            return !retryable || e.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class) >= maxAttempts;
        };
        ProducerTemplate stt = getContext().createProducerTemplate();
        errorHandler(defaultErrorHandler().logExhausted(false));

        from("jms:queue:{{example.jms.jobs}}?transacted=true&concurrentConsumers={{example.jms.consumers}}"
             + "&cacheLevelName=CACHE_CONSUMER")
                .routeId("jms-worker")
                .onException(Exception.class).onWhen(giveUp).handled(true).logExhausted(false)
                    .process(e -> {
                        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                        e.getMessage().setHeader("reason", Failures.reason(t));
                        e.getMessage().setHeader("failedOn", instance);
                        e.getMessage().setBody(e.getProperty(AudioJob.AUDIO));
                        LOG.warn("Job {} failed on {} after {} attempt(s), moved to {}: {}", e.getIn().getHeader(
                                "jobName"), instance, e.getIn().getHeader("JMSXDeliveryCount"),
                                resolve("{{example.jms.dead}}"), t.getMessage());
                    })
                    .to("jms:queue:{{example.jms.dead}}")
                .end()
                .onException(Exception.class).logExhausted(false)
                    .process(e -> LOG.warn("Job {} failed on {} (attempt {}), rolled back for redelivery: {}",
                            e.getIn().getHeader("jobName"), instance, e.getIn().getHeader("JMSXDeliveryCount"),
                            e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class).getMessage()))
                .end()
                .setHeader(ProsaSttConstants.LABEL, header("jobName"))
                .process(job::start)
                // On this (the listener's) thread: the result below must be sent inside the job's transaction, and
                // prosa-stt would continue the route on its callback thread. direct:stt is in TranscribeRoutes.
                .process(e -> {
                    stt.send("direct:stt", e);
                    Exception failure = e.getException();
                    if (failure != null) {
                        e.setException(null);
                        throw failure;
                    }
                })
                .process(job::done)
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class) // a TextMessage of JSON
                .setHeader("instance", constant(instance))
                .to("jms:queue:{{example.jms.results}}");
    }

    private String resolve(String placeholder) {
        return getContext().resolvePropertyPlaceholders(placeholder);
    }
}
