package com.camelprosa.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an inbox join moves each file it picked up, and what the {@link RunReport} says of it: its two transcripts,
 * or the reason it failed, and where the audio went ({@code .done} or {@code .error} in the inbox), never over a file
 * already there ({@link #claim}).
 */
final class InboxOutcomes {

    /**
     * Exchange property: the audio's name in {@code .done} or {@code .error}, set by {@link #claim}, for the
     * consumer's options {@code move=.done/${exchangeProperty.exampleMovedName}} and
     * {@code moveFailed=.error/${exchangeProperty.exampleMovedName}} (Camel would replace a file of the same name).
     */
    static final String MOVED_NAME = "exampleMovedName";
    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private final RunReport report;
    private final String source;
    private final String inbox;
    private final Path outbox;

    /**
     * @param source the join's name in the report
     * @param inbox  a local folder, or a URL (reported without its query and user)
     * @param outbox the folder the join writes {@code <name>.txt} and {@code <name>.json} to
     */
    InboxOutcomes(RunReport report, String source, String inbox, Path outbox) {
        this.report = report;
        this.source = source;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** For a join of this application, whose report is bound as {@code runReport}. */
    static InboxOutcomes of(CamelContext camel, String source, String inbox, String outbox) {
        return new InboxOutcomes(camel.getRegistry().lookupByNameAndType("runReport", RunReport.class), source, inbox,
                Path.of(outbox));
    }

    /**
     * Names the audio in {@code .done} and {@code .error}: its own name, or, when either holds a file of that name
     * already (from an earlier run, or an earlier file of the same name), the name with the time in it
     * ({@code note-20261205031800123.wav}); the same when the outbox has a transcript of that name, so transcripts are
     * never replaced either. The first step of an inbox route.
     */
    void claim(Exchange e) throws Exception {
        String name = e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        e.setProperty(MOVED_NAME, name); // should the check fail, the consumer still has a name to move the file to
        if (e.getFromEndpoint() instanceof RemoteFileEndpoint<?> remote) {
            String folder = e.getIn().getHeader(Exchange.FILE_PARENT, String.class);
            RemoteFileOperations<?> server = remote.createRemoteFileOperations();
            server.connect(remote.getConfiguration(), e);
            try {
                e.setProperty(MOVED_NAME, free(name, moved -> server.existsFile(folder + "/" + moved)
                                                               || transcribed(moved)));
            } finally {
                server.disconnect();
            }
        } else {
            e.setProperty(MOVED_NAME, free(name, moved -> Files.exists(Path.of(inbox).resolve(moved))
                                                           || transcribed(moved)));
        }
    }

    /** Whether the outbox holds a transcript of an audio moved as {@code .done/<moved>} or {@code .error/<moved>}. */
    private boolean transcribed(String moved) {
        String base = FileUtil.onlyName(moved.substring(moved.indexOf('/') + 1), true);
        return Files.exists(outbox.resolve(base + ".txt"));
    }

    /** The name of this file's transcripts in the outbox: the name it is moved under, without its extension. */
    static String baseName(Exchange e) {
        return FileUtil.onlyName(e.getProperty(MOVED_NAME, name(e), String.class), true);
    }

    private static String free(String name, Predicate<String> exists) {
        String ext = FileUtil.onlyExt(name, true);
        String moved = name;
        for (int n = 1; exists.test(".done/" + moved) || exists.test(".error/" + moved); n++) {
            moved = FileUtil.stripExt(name, true) + "-" + STAMP.format(LocalDateTime.now()) + (n > 1 ? "-" + n : "")
                    + (ext == null ? "" : "." + ext);
        }
        return moved;
    }

    void succeeded(Exchange e) {
        String name = name(e);
        String base = baseName(e);
        report.add(new RunReport.Entry(source, name, movedTo(".done", e),
                List.of(outbox.resolve(base + ".txt"), outbox.resolve(base + ".json"), outbox.resolve(base + ".srt")), null));
    }

    /** Logs and reports a failure that was handled (retried, then given up) before the consumer moved the file. */
    void failed(Exchange e) {
        String name = name(e);
        String where = movedTo(".error", e);
        String reason = Failures.reason(Failures.caught(e));
        LOG.warn("Job {} failed, original moved to {}: {}", name, where, reason);
        report.add(new RunReport.Entry(source, name, where, List.of(), reason));
    }

    private static String name(Exchange e) {
        String name = e.getProperty(AudioJob.NAME, String.class);
        if (name == null) {
            name = e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        return name != null ? name : e.getIn().getHeader(Exchange.FILE_NAME, String.class);
    }

    private String movedTo(String folder, Exchange e) {
        String name = e.getProperty(MOVED_NAME, name(e), String.class);
        if (inbox.contains("://")) {
            return inbox.replaceAll("\\?.*", "").replaceAll("//([^@/]*)@", "//") + "/" + folder + "/" + name;
        }
        return Path.of(inbox).resolve(folder).resolve(name).toString();
    }
}
