package com.camelprosa.prosastt.client;

/** The byte rate of audio, for sending it at its own pace ({@code realtime=true}). */
final class AudioPacing {

    private AudioPacing() {
    }

    /**
     * Bytes per second of the audio, from its WAV header or, for raw audio, from the declared rate and channels.
     *
     * @throws ProsaSttInvalidInputException when the rate cannot be known (compressed formats, a WAV that declares a
     *                                       byte rate of 0)
     */
    static double bytesPerSecond(AudioInspector.Inspection audio, Integer sampleRate, Integer channels) {
        double rate = knownBytesPerSecond(audio, sampleRate, channels);
        if (rate > 0) {
            return rate;
        }
        throw new ProsaSttInvalidInputException(audio.wav() != null
                ? "realtime=true needs to know the audio's rate, and this WAV's header declares a byte rate of 0."
                  + " Nothing was sent. Fix the file's header (e.g. sox in.wav out.wav), or send it without realtime."
                : "realtime=true needs to know the audio's rate: send a WAV file, or raw audio (s16le, pcm_mulaw,"
                  + " pcm_alaw) with sampleRate and channels. Compressed formats are sent as fast as the server reads them.");
    }

    /** The byte rate when the audio announces it (WAV, or raw audio with a sample rate), else 0. */
    static double knownBytesPerSecond(AudioInspector.Inspection audio, Integer sampleRate, Integer channels) {
        AudioFormat format = audio.format();
        if (audio.wav() != null) {
            return audio.wav().bytesPerSecond();
        }
        if (format != null && format.isRaw() && sampleRate != null) {
            int bytesPerSample = format == AudioFormat.S16LE ? 2 : 1;
            return (double) sampleRate * (channels == null ? 1 : channels) * bytesPerSample;
        }
        return 0;
    }
}
