package com.camelprosa.example;

import java.io.File;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * HTTP uploads to transcripts: {@code POST /transcripts} with the audio as the body (or as one file of a multipart
 * upload) answers the {@code Transcript} as JSON, or with {@code Accept: text/event-stream} each event as it arrives
 * ({@link ServerSentEvents}). {@code ?label=} names the job, {@code ?realtime=true} sends the audio at its own pace.
 * Failures are JSON answers with their HTTP status ({@link HttpErrors}).
 */
public class HttpRoutes extends RouteBuilder {

    @Override
    public void configure() {
        HttpErrors errors = new HttpErrors(Integer.parseInt(resolve("{{example.http.retry-after}}")));
        long maxBytes = Long.parseLong(resolve("{{example.http.max-bytes}}"));
        String stt = "prosa-stt:general?responseTimeout=" + resolve("{{example.http.response-timeout}}");
        errorHandler(defaultErrorHandler().logExhausted(false));

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
                        .process(HttpRoutes::keepJobId)
                        .marshal().json(JsonLibrary.Jackson)
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .end();
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
}
