package com.camelprosa.example;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.WavHeader;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one transcription job, in the log: its start, progress of a long upload (seconds sent / total, at most
 * every {@code example.progress-interval}) and its end (job id, seconds of audio, segments, elapsed time).
 */
public final class AudioJob {

    /** Exchange property: the audio as the consumer delivered it (a file, bytes), so a retry can read it again. */
    public static final String AUDIO = "exampleAudio";
    /** Exchange property: the job's name (the file name, or the name given to an upload). */
    public static final String NAME = "exampleJobName";
    /** Exchange property: the name without its extension, for the transcript files. */
    public static final String BASE_NAME = "exampleBaseName";
    private static final String STARTED = "exampleJobStarted";
    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");

    private static final java.util.Map<String, String> FORMATS = java.util.Map.of("wav", "wav", "mp3", "mp3",
            "flac", "flac", "opus", "opus", "ogg", "opus", "webm", "webm");

    private final long progressIntervalNanos;
    private final String instance;

    public AudioJob(long progressIntervalMillis, String instance) {
        this.progressIntervalNanos = progressIntervalMillis * 1_000_000L;
        this.instance = instance;
    }

    /** With this application's settings: {@code example.progress-interval} and {@code example.instance}. */
    public static AudioJob of(CamelContext camel) {
        return new AudioJob(Long.parseLong(camel.resolvePropertyPlaceholders("{{example.progress-interval}}")),
                camel.resolvePropertyPlaceholders("{{example.instance}}"));
    }

    /** Remembers the audio and the job's name, and logs the start. */
    public void start(Exchange exchange) {
        String name = exchange.getIn().getHeader(ProsaSttConstants.LABEL, String.class);
        if (name == null) {
            name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        if (name == null) {
            name = exchange.getIn().getHeader(Exchange.FILE_NAME, "audio", String.class);
        }
        name = FileUtil.stripPath(name);
        exchange.setProperty(NAME, name);
        // an inbox's file is transcribed under the name it is moved to, never over an earlier transcript
        exchange.setProperty(BASE_NAME, FileUtil.onlyName(exchange.getProperty(InboxOutcomes.MOVED_NAME, name,
                String.class), true));
        exchange.setProperty(AUDIO, exchange.getIn().getBody());
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.getIn().setHeader(ProsaSttConstants.LABEL, name);
        // The body becomes a stream (to count progress), which has no file name: keep the name's hint to the format.
        String format = FORMATS.get(String.valueOf(FileUtil.onlyExt(name, true)).toLowerCase(Locale.ROOT));
        if (format != null && exchange.getIn().getHeader(ProsaSttConstants.AUDIO_FORMAT) == null) {
            exchange.getIn().setHeader(ProsaSttConstants.AUDIO_FORMAT, format);
        }
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        LOG.info("Job {} started on {}{}", name, instance, length == null ? "" : " (" + length + " bytes)");
    }

    /**
     * Sets the body to a stream over the remembered audio that logs the upload's progress. Runs on every attempt, so
     * a retry sends the whole audio again from its start.
     */
    public void openWithProgress(Exchange exchange) throws Exception {
        Object audio = exchange.getProperty(AUDIO);
        InputStream raw = exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange,
                audio);
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length == null && audio instanceof byte[] bytes) {
            length = (long) bytes.length;
        }
        exchange.getIn().setBody(new ProgressStream(raw, exchange.getProperty(NAME, String.class),
                length == null ? -1 : length));
    }

    /** After a failed attempt: the body is the remembered audio again, and the failure goes on. */
    public static void restoreAndRethrow(Exchange exchange) throws Exception {
        exchange.getIn().setBody(exchange.getProperty(AUDIO));
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /** Logs the end of a job whose body is a {@link Transcript}. */
    public void done(Exchange exchange) {
        Transcript t = exchange.getIn().getBody(Transcript.class);
        long started = exchange.getProperty(STARTED, System.nanoTime(), Long.class);
        LOG.info("Job {} done on {}: job id {}, {} s of audio, {} segment(s), {} s elapsed",
                exchange.getProperty(NAME), instance, t.jobId(), t.duration() == null ? "?" : fmt(t.duration()),
                t.segments().size(), fmt((System.nanoTime() - started) / 1e9));
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** Counts the bytes the component reads and logs seconds sent / total at most every interval. */
    private final class ProgressStream extends FilterInputStream {
        private static final int HEADER_PEEK = 4096;
        private final String name;
        private final long length;
        private long read;
        private long lastLog = System.nanoTime();
        private double bytesPerSecond = -1;

        ProgressStream(InputStream in, String name, long length) throws IOException {
            super(in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024));
            this.name = name;
            this.length = length;
            this.in.mark(HEADER_PEEK);
            byte[] head = this.in.readNBytes(HEADER_PEEK);
            this.in.reset();
            try {
                WavHeader wav = WavHeader.read(head, head.length, head.length < HEADER_PEEK ? head.length : length);
                bytesPerSecond = wav == null || wav.bytesPerSecond() <= 0 ? -1 : wav.bytesPerSecond();
            } catch (ProsaSttInvalidInputException e) {
                bytesPerSecond = -1; // the component refuses it with this error before any connection
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            long now = System.nanoTime();
            if (now - lastLog >= progressIntervalNanos) {
                lastLog = now;
                if (bytesPerSecond > 0) {
                    LOG.info("Job {}: {} s of {} s of audio sent", name, fmt(read / bytesPerSecond),
                            length > 0 ? fmt(length / bytesPerSecond) : "?");
                } else {
                    LOG.info("Job {}: {} of {} bytes sent", name, read, length > 0 ? length : "?");
                }
            }
        }
    }
}
