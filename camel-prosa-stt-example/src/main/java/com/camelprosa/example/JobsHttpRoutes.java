package com.camelprosa.example;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.camelprosa.prosastt.client.AudioFormat;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.WavHeader;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

/**
 * The JMS join over HTTP, for trying it out: {@code POST /jobs?name=call.wav} puts the audio on the job queue and
 * answers 202 with the job's id; {@code GET /jobs/results?max=10} takes up to ten results off the result queue as a
 * JSON array. Any instance may take a job ({@link JmsRoutes}); any JMS client in any language may do the same.
 */
public class JobsHttpRoutes extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        HttpErrors errors = new HttpErrors(
                Integer.parseInt(getContext().resolvePropertyPlaceholders("{{example.http.retry-after}}")));
        errorHandler(defaultErrorHandler().logExhausted(false));

        from("platform-http:/jobs?httpMethodRestrict=POST").routeId("jms-submit")
                .onException(Exception.class).handled(true).logExhausted(false).process(errors::answer).end()
                .process(JobsHttpRoutes::newJob)
                .to(ExchangePattern.InOnly, "jms:queue:{{example.jms.jobs}}")
                .log("Job ${header.jobName} (${header.jobId}) queued on {{example.jms.jobs}}")
                .setBody(simple("{\"jobId\":\"${header.jobId}\",\"queue\":\"{{example.jms.jobs}}\"}"))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("platform-http:/jobs/results?httpMethodRestrict=GET").routeId("jms-results")
                .onException(Exception.class).handled(true).logExhausted(false).process(errors::answer).end()
                .process(JobsHttpRoutes::takeResults);
    }

    /** The job message: the audio, headers {@code jobId} (a new one) and {@code jobName} (from {@code ?name=}). */
    private static void newJob(Exchange e) {
        String name = e.getIn().getHeader("name", "job.wav", String.class);
        byte[] audio = e.getIn().getBody(byte[].class);
        checkAudio(name, audio);
        String id = UUID.randomUUID().toString();
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader("jobId", id);
        e.getMessage().setHeader("jobName", name);
        e.getMessage().setBody(audio);
        e.setProperty("jobId", id);
    }

    /**
     * Refuses, before it is queued, a job no instance could transcribe: no bytes, or bytes of no audio format (a
     * WAV's header is checked whole). Raw PCM has no signature, so a name saying raw ({@code .pcm}) is enough.
     */
    private static void checkAudio(String name, byte[] audio) {
        if (audio == null || audio.length == 0) {
            throw new ProsaSttInvalidInputException("The job " + name + " has no audio: send the audio file as the "
                                                    + "body, with Content-Type: audio/...");
        }
        AudioFormat format = AudioFormat.strongSignature(audio, audio.length);
        if (format == AudioFormat.WAV) {
            WavHeader.read(audio, audio.length, audio.length);
        } else if (format == null && AudioFormat.weakSignature(audio, audio.length) == null
                   && (AudioFormat.fromFileName(name) == null || !AudioFormat.fromFileName(name).isRaw())) {
            throw new ProsaSttInvalidInputException("The job " + name + " is not audio: it starts as no WAV, MP3, "
                                                    + "FLAC, Ogg or WebM file does. Send the audio file as the body.");
        }
    }

    /** Takes up to {@code ?max=} results off the result queue, waiting at most a second for each. */
    private static void takeResults(Exchange e) throws Exception {
        int max = e.getIn().getHeader("max", 10, Integer.class);
        List<String> results = new ArrayList<>();
        try (ConsumerTemplate consumer = e.getContext().createConsumerTemplate()) {
            for (Exchange r; results.size() < max
                    && (r = consumer.receive("jms:queue:{{example.jms.results}}", 1000)) != null;) {
                results.add(String.format("{\"jobId\":\"%s\",\"name\":%s,\"instance\":\"%s\",\"transcript\":%s}",
                        r.getIn().getHeader("jobId"), JSON.writeValueAsString(r.getIn().getHeader("jobName",
                                String.class)), r.getIn().getHeader("instance"), r.getIn().getBody(String.class)));
            }
        }
        e.getMessage().removeHeaders("*");
        e.getMessage().setBody("[" + String.join(",", results) + "]");
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
}
