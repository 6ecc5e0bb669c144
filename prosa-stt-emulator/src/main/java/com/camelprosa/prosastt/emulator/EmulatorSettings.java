package com.camelprosa.prosastt.emulator;

import java.util.Set;

import javax.net.ssl.SSLContext;

/** What an emulator was built with; each is described on its {@link ProsaSttEmulator.Builder} method. */
record EmulatorSettings(String host, int port, String apiKey, TranscriptScript script, Set<String> models,
                        boolean rejectBadKeyAtUpgrade, Fault fault, double voiceThreshold, SSLContext tls,
                        boolean realtime, double maxDuration, ProsaSttEmulator.MaxDurationMode maxDurationMode) {

    /** The one key set, or any non-empty key when none is. */
    boolean acceptsKey(String key) {
        return apiKey == null ? !key.isEmpty() : apiKey.equals(key);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "EmulatorSettings[" + host + ":" + port + ", models=" + models + ", fault=" + fault + "]";
    }
}
