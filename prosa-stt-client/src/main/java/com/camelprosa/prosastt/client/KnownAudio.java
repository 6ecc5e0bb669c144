package com.camelprosa.prosastt.client;

/**
 * Audio whose format the client already knows (a part of a live stream it cuts): its session connects at once,
 * without waiting for a first chunk to inspect.
 */
interface KnownAudio {

    AudioFormat format();

    double bytesPerSecond();
}
