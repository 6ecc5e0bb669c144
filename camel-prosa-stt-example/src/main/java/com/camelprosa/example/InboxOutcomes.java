package com.camelprosa.example;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each file an inbox join picked up in the {@link RunReport}: its two transcripts, or the reason it failed, and
 * where the consumer moved the audio ({@code .done} or {@code .error} in the inbox).
 */
final class InboxOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");
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

    void succeeded(Exchange e) {
        String name = name(e);
        String base = FileUtil.onlyName(name, true);
        report.add(new RunReport.Entry(source, name, movedTo(".done", name),
                List.of(outbox.resolve(base + ".txt"), outbox.resolve(base + ".json")), null));
    }

    /** Logs and reports a failure that was handled (retried, then given up) before the consumer moved the file. */
    void failed(Exchange e) {
        String name = name(e);
        String where = movedTo(".error", name);
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

    private String movedTo(String folder, String name) {
        if (inbox.contains("://")) {
            return inbox.replaceAll("\\?.*", "").replaceAll("//([^@/]*)@", "//") + "/" + folder + "/" + name;
        }
        return Path.of(inbox).resolve(folder).resolve(name).toString();
    }
}
