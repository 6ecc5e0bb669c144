package com.camelprosa.example;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example's joins in Java DSL: a folder and an FTP folder of audio to transcripts, HTTP uploads to JSON or
 * Server-Sent Events, and JMS jobs shared by any number of instances. Writing the transcript files is a YAML route
 * ({@code routes/write-transcript.camel.yaml}); the captions page is {@link CaptionsRoutes}.
 */
public class ExampleRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Options options;

    public ExampleRoutes(Options options) {
        this.options = options;
    }

    @Override
    public void configure() throws Exception {
        String instance = options.instance();
        AudioJob job = new AudioJob(Long.parseLong(resolve("{{example.progress-interval}}")), instance);
        RunReport report = getContext().getRegistry().lookupByNameAndType("runReport", RunReport.class);
        // Failures are logged once, with their reason, by the routes below: no stack traces for expected errors.
        errorHandler(defaultErrorHandler().logExhausted(false));

        // The transcription every file-like join shares: audio in, a Transcript out, retried when it may succeed.
        from("direct:transcribe").routeId("transcribe")
                .onException(ProsaSttRateLimitedException.class, ProsaSttConnectionException.class,
                        ProsaSttTimeoutException.class)
                    .maximumRedeliveries("{{example.retries}}").redeliveryDelay(2000).useExponentialBackOff()
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN).logExhausted(false)
                .end()
                .process(job::start)
                .to("direct:stt")
                .process(job::done);
        // Opens the audio again on every attempt (a retry sends it all again), counting what is sent.
        from("direct:stt").routeId("stt").errorHandler(noErrorHandler()).streamCache("false")
                .process(job::openWithProgress)
                .doTry()
                    .to("prosa-stt:general?outputType=transcript&realtime={{example.realtime}}")
                .doCatch(Exception.class)
                    // Put the audio back: error handling must not try to cache the spent upload stream.
                    .process(AudioJob::restoreAndRethrow)
                .end();

        if (options.has("files")) {
            from("file:{{example.in}}?move=.done&moveFailed=.error&readLock=changed&readLockMinAge=1000"
                 + "&readLockMinLength=0&exclude=^\\..*")
                    .routeId("files")
                    // The failure itself was handled (retried, then given up) in "transcribe": report it here.
                    .onCompletion().onFailureOnly()
                        .process(e -> failed(e, report, "files", "{{example.in}}"))
                    .end()
                    .to("direct:transcribe")
                    .to("direct:write-transcript")
                    .process(e -> succeeded(e, report, "files", resolve("{{example.in}}")));
        }

        if (options.has("ftp")) {
            String url = resolve("{{example.ftp.url}}");
            from(url + (url.contains("?") ? "&" : "?") + "{{example.ftp.options}}")
                    .routeId("ftp")
                    // The failure itself was handled (retried, then given up) in "transcribe": report it here.
                    .onCompletion().onFailureOnly()
                        .process(e -> failed(e, report, "ftp", url))
                    .end()
                    .to("direct:transcribe")
                    .to("direct:write-transcript")
                    .process(e -> succeeded(e, report, "ftp", url));
        }

        HttpErrors errors = new HttpErrors(Integer.parseInt(resolve("{{example.http.retry-after}}")));
        if (options.has("http")) {
            long maxBytes = Long.parseLong(resolve("{{example.http.max-bytes}}"));
            long timeout = Long.parseLong(resolve("{{example.http.response-timeout}}"));
            String stt = "prosa-stt:general?responseTimeout=" + timeout;
            from("platform-http:/transcripts?httpMethodRestrict=POST").routeId("http")
                    .streamCache("false")
                    .onException(Exception.class).handled(true).logExhausted(false).process(errors::answer).end()
                    .process(ServerSentEvents::remember)
                    .process(e -> upload(e, maxBytes))
                    .choice()
                        .when(header("Accept").contains("text/event-stream"))
                            .toD(stt + "&outputType=stream&includePartial=true&realtime=${header.exampleRealtime}")
                            .process(new ServerSentEvents())
                        .otherwise()
                            .toD(stt + "&outputType=transcript&realtime=${header.exampleRealtime}")
                            .process(e -> keepJobId(e))
                            .marshal().json(JsonLibrary.Jackson)
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .end();
        }

        if (options.has("jms")) {
            // Any instance may take a job: POST puts it on the queue and answers 202 with the job's id.
            from("platform-http:/jobs?httpMethodRestrict=POST").routeId("jms-submit")
                    .onException(Exception.class).handled(true).logExhausted(false).process(errors::answer).end()
                    .process(e -> {
                        String name = e.getIn().getHeader("name", "job.wav", String.class);
                        byte[] audio = e.getIn().getBody(byte[].class);
                        String id = UUID.randomUUID().toString();
                        e.getMessage().removeHeaders("*");
                        e.getMessage().setHeader("jobId", id);
                        e.getMessage().setHeader("jobName", name);
                        e.getMessage().setBody(audio);
                        e.setProperty("jobId", id);
                    })
                    .to(ExchangePattern.InOnly, "jms:queue:{{example.jms.jobs}}")
                    .log("Job ${header.jobName} (${header.jobId}) queued on {{example.jms.jobs}}")
                    .setBody(simple("{\"jobId\":\"${header.jobId}\",\"queue\":\"{{example.jms.jobs}}\"}"))
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

            // Takes up to ?max= results off the result queue (waiting at most a second for each) as a JSON array.
            from("platform-http:/jobs/results?httpMethodRestrict=GET").routeId("jms-results")
                    .onException(Exception.class).handled(true).logExhausted(false).process(errors::answer).end()
                    .process(e -> {
                        int max = e.getIn().getHeader("max", 10, Integer.class);
                        List<String> results = new java.util.ArrayList<>();
                        try (org.apache.camel.ConsumerTemplate consumer = e.getContext().createConsumerTemplate()) {
                            for (Exchange r; results.size() < max
                                    && (r = consumer.receive("jms:queue:{{example.jms.results}}", 1000)) != null;) {
                                results.add(String.format("{\"jobId\":\"%s\",\"name\":%s,\"instance\":\"%s\","
                                                          + "\"transcript\":%s}",
                                        r.getIn().getHeader("jobId"), JSON.writeValueAsString(r.getIn().getHeader(
                                                "jobName", String.class)), r.getIn().getHeader("instance"),
                                        r.getIn().getBody(String.class)));
                            }
                        }
                        e.getMessage().removeHeaders("*");
                        e.getMessage().setBody("[" + String.join(",", results) + "]");
                        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    });

            // Transacted: the job leaves the queue only when its result is on the result queue (one commit). An
            // instance that dies mid-stream never commits, so the broker gives the job to another instance.
            org.apache.camel.ProducerTemplate stt = getContext().createProducerTemplate();
            int maxAttempts = Integer.parseInt(resolve("{{example.jms.max-attempts}}"));
            Predicate giveUp = e -> {
                Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                boolean retryable = t instanceof ProsaSttException p && p.isRetryable();
                return !retryable || e.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class) >= maxAttempts;
            };
            from("jms:queue:{{example.jms.jobs}}?transacted=true&concurrentConsumers={{example.jms.consumers}}"
                 + "&cacheLevelName=CACHE_CONSUMER")
                    .routeId("jms-worker")
                    .onException(Exception.class).onWhen(giveUp).handled(true).logExhausted(false)
                        .process(e -> {
                            Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                            e.getMessage().setHeader("reason", t.getClass().getSimpleName() + ": " + t.getMessage());
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
                    // On this (the listener's) thread: the result below must be sent inside the job's transaction,
                    // and prosa-stt would continue the route on its callback thread.
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
    }

    private String resolve(String placeholder) {
        return getContext().resolvePropertyPlaceholders(placeholder);
    }

    /** Reads an upload (raw body or one multipart file), refuses it when too large, names the job. */
    private static void upload(Exchange e, long maxBytes) {
        Object body = e.getIn().getBody();
        long size = body instanceof File f ? f.length() : body == null ? 0 : e.getIn().getBody(byte[].class).length;
        if (size > maxBytes) {
            throw new HttpErrors.TooLargeException("The audio is " + size + " bytes; this server accepts at most "
                                                   + maxBytes + " (example.http.max-bytes).");
        }
        String label = e.getIn().getHeader("label", String.class);
        String fileName = e.getIn().getHeader(Exchange.FILE_NAME, String.class); // a multipart upload's file name
        if (label == null) {
            label = fileName != null ? fileName : "upload";
        }
        e.getIn().setHeader(ProsaSttConstants.LABEL, label);
        // prosa-stt reads the name's extension from CamelFileNameOnly (as the file: consumer sets it): without it an
        // "x.mp3" of garbage went to Prosa and spent quota instead of being refused with 400
        String name = fileName != null ? fileName : label;
        e.getIn().setHeader(Exchange.FILE_NAME_ONLY,
                name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1));
        e.getIn().setHeader(Exchange.FILE_LENGTH, size);
        // ?realtime=true sends the upload at its own pace, as if it were live (only true or false reach the URI)
        e.getIn().setHeader("exampleRealtime", Boolean.parseBoolean(e.getIn().getHeader("realtime", String.class)));
    }

    /** Drops the request's headers from the answer, but says which job it was. */
    private static void keepJobId(Exchange e) {
        String jobId = e.getMessage().getHeader(ProsaSttConstants.JOB_ID, String.class);
        String accept = e.getMessage().getHeader("Accept", String.class);
        e.getMessage().removeHeaders("*");
        if (jobId != null) {
            e.getMessage().setHeader("X-Prosa-Job-Id", jobId);
        }
        if (accept != null) {
            e.getMessage().setHeader("Accept", accept);
        }
    }

    private void succeeded(Exchange e, RunReport report, String source, String folder) {
        String base = e.getProperty(AudioJob.BASE_NAME, String.class);
        Path out = Path.of(resolve("{{example.out}}"));
        report.add(new RunReport.Entry(source, e.getProperty(AudioJob.NAME, String.class),
                location(source, folder, ".done", e.getProperty(AudioJob.NAME, String.class)),
                List.of(out.resolve(base + ".txt"), out.resolve(base + ".json")), null));
    }

    private void failed(Exchange e, RunReport report, String source, String folder) {
        Throwable t = e.getException() != null ? e.getException()
                : e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String name = e.getProperty(AudioJob.NAME, String.class);
        if (name == null) {
            name = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
        }
        String where = location(source, resolve(folder), ".error", name);
        String reason = t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
        LOG.warn("Job {} failed, original moved to {}: {}", name, where, reason);
        report.add(new RunReport.Entry(source, name, where, List.of(), reason));
    }

    private static String location(String source, String folder, String sub, String name) {
        if (source.equals("files")) {
            return Path.of(folder).resolve(sub).resolve(name).toString();
        }
        String base = folder.replaceAll("\\?.*", "").replaceAll("//([^@/]*)@", "//");
        return base + "/" + sub + "/" + name;
    }
}
