package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/** One channel of multi-channel audio as mono audio: a mono WAV header (for a WAV), then that channel's samples. */
final class ChannelSource implements AudioSource {

    private static final int FRAMES_PER_READ = 4096;

    private final AudioSource whole;
    private final AudioLayout layout;
    private final int channel;

    ChannelSource(AudioSource whole, AudioLayout layout, int channel) {
        this.whole = whole;
        this.layout = layout;
        this.channel = channel;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in = PartSource.openAt(whole, layout.dataOffset());
        InputStream mono = new OneChannel(in, layout, channel, layout.dataEnd() - layout.dataOffset());
        return layout.wav() == null ? mono
                : new SequenceInputStream(new ByteArrayInputStream(layout.wavHeader(monoBytes(), 1)), mono);
    }

    private long monoBytes() {
        return (layout.dataEnd() - layout.dataOffset()) / layout.frameBytes() * layout.bytesPerSample();
    }

    @Override
    public String fileName() {
        return whole.fileName();
    }

    @Override
    public boolean mayBlock() {
        return whole.mayBlock();
    }

    @Override
    public long length() {
        return (layout.wav() == null ? 0 : 44) + monoBytes();
    }

    /** The samples of one channel out of interleaved frames, whole frames only. */
    private static final class OneChannel extends InputStream {
        private final InputStream in;
        private final int frame;
        private final int sample;
        private final int offset;
        private final byte[] frames;
        private final byte[] out;
        private long remaining;
        private int pos;
        private int limit;

        OneChannel(InputStream in, AudioLayout layout, int channel, long dataBytes) {
            this.in = in;
            this.frame = layout.frameBytes();
            this.sample = layout.bytesPerSample();
            this.offset = channel * sample;
            this.frames = new byte[FRAMES_PER_READ * frame];
            this.out = new byte[FRAMES_PER_READ * sample];
            this.remaining = dataBytes / frame * frame;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (remaining <= 0) {
                return false;
            }
            int want = (int) Math.min(frames.length, remaining);
            int got = in.readNBytes(frames, 0, want);
            int whole = got / frame;
            if (whole == 0) {
                remaining = 0;
                return false;
            }
            remaining -= (long) whole * frame;
            if (got < want) {
                remaining = 0;
            }
            for (int f = 0; f < whole; f++) {
                System.arraycopy(frames, f * frame + offset, out, f * sample, sample);
            }
            pos = 0;
            limit = whole * sample;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
