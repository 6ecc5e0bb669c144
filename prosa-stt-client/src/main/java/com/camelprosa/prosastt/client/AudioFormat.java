package com.camelprosa.prosastt.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The audio formats the streaming API accepts, with their wire names. */
public enum AudioFormat {
    WAV("wav", false),
    MP3("mp3", false),
    FLAC("flac", false),
    OPUS("opus", false),
    WEBM("webm", false),
    S16LE("s16le", true),
    PCM_MULAW("pcm_mulaw", true),
    PCM_ALAW("pcm_alaw", true);

    /** The value that asks for detection from the bytes, then the file name. */
    public static final String AUTO = "auto";

    private final String wireName;
    private final boolean raw;

    AudioFormat(String wireName, boolean raw) {
        this.wireName = wireName;
        this.raw = raw;
    }

    /** The name the server expects in {@code audio.format}. */
    public String wireName() {
        return wireName;
    }

    /** True for headerless formats, which need a sample rate to be understood. */
    public boolean isRaw() {
        return raw;
    }

    /**
     * The format for a user-given name ({@code auto} gives null: detect).
     *
     * @throws ProsaSttInvalidInputException naming the accepted values when the name is unknown
     */
    public static AudioFormat fromName(String name) {
        if (name == null || name.isBlank() || AUTO.equalsIgnoreCase(name.trim())) {
            return null;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new ProsaSttInvalidInputException(
                        "Unknown audio format '" + name + "'. Use one of: " + AUTO + ", "
                                                                     + Arrays.stream(values()).map(AudioFormat::wireName)
                                                                             .collect(Collectors.joining(", "))));
    }

    /**
     * The format a container signature at the start of the bytes proves (RIFF/WAVE, fLaC, OggS, EBML, ID3), or null.
     * Such a signature wins over a file name.
     */
    public static AudioFormat strongSignature(byte[] head, int length) {
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return WAV;
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return FLAC;
        }
        if (startsWith(head, length, 0, "OggS")) {
            return OPUS;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3) {
            return WEBM;
        }
        if (startsWith(head, length, 0, "ID3")) {
            return MP3;
        }
        return null;
    }

    /**
     * MP3 when the bytes start with an MPEG frame sync ({@code FF Ex}), else null. Weak: raw PCM whose first samples
     * are -1 starts the same way, so a declared format or a file name wins over it.
     */
    public static AudioFormat weakSignature(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0 ? MP3 : null;
    }

    /** The format a file name's extension suggests, or null. */
    public static AudioFormat fromFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (ext) {
            case "wav", "wave" -> WAV;
            case "mp3" -> MP3;
            case "flac" -> FLAC;
            case "ogg", "opus", "oga" -> OPUS;
            case "webm" -> WEBM;
            case "pcm", "raw", "s16le" -> S16LE;
            case "ulaw", "mulaw" -> PCM_MULAW;
            case "alaw" -> PCM_ALAW;
            default -> null;
        };
    }

    private static boolean startsWith(byte[] data, int length, int offset, String ascii) {
        if (length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (data[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
