package com.camelprosa.example;

import java.nio.file.Path;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.component.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.component.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.component.prosastt.client.ProsaSttTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** Audio files in, one .txt transcript per file out; originals go to .done, or .error when they fail. */
public class TranscribeFolderRoute extends RouteBuilder {

    private final Path in;
    private final Path out;

    public TranscribeFolderRoute(Path in, Path out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void configure() {
        // Retry what may succeed later; the rest fails at once and the file consumer moves the file to .error.
        onException(ProsaSttRateLimitedException.class, ProsaSttConnectionException.class,
                ProsaSttTimeoutException.class)
                .maximumRedeliveries(3).redeliveryDelay(2000).useExponentialBackOff();

        from("file:" + in + "?move=.done&moveFailed=.error&readLock=changed&readLockMinAge=1000&readLockMinLength=0")
                .routeId("transcribe-folder")
                .to("prosa-stt:general")
                .log("Transcribed ${header.CamelFileName}: job ${header." + ProsaSttConstants.JOB_ID + "}, ${header."
                     + ProsaSttConstants.SEGMENT_COUNT + "} segment(s), ${header." + ProsaSttConstants.DURATION
                     + "} s of audio")
                .setHeader(Exchange.FILE_NAME, simple("${file:name.noext}.txt"))
                .to("file:" + out);
    }
}
