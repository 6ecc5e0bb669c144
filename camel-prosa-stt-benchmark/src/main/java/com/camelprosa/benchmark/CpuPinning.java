package com.camelprosa.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Row 1 pins the client JVM (this one) and the emulator JVM to a core each with {@code taskset}, so the two stop
 * trading places on the machine's cores and a round measures the client's work rather than how the scheduler placed
 * two busy processes: unpinned, one variant's 115 MB transfer ranged over ±20 % from round to round. A real server
 * runs elsewhere; here the emulator gets a core of its own as the nearest thing. Restored to every core afterwards.
 */
final class CpuPinning implements AutoCloseable {

    private final long[] pids;
    private final String all;
    private final boolean pinned;

    private CpuPinning(long[] pids, String all, boolean pinned) {
        this.pids = pids;
        this.all = all;
        this.pinned = pinned;
    }

    /** The client on the first core, the emulator on the second; a no-op (say so) without taskset or two cores. */
    static CpuPinning clientAndEmulator(long emulatorPid) {
        int cores = Runtime.getRuntime().availableProcessors();
        String all = "0-" + (cores - 1);
        long self = ProcessHandle.current().pid();
        boolean ok = cores >= 2 && emulatorPid > 0 && taskset("0", self) && taskset("1", emulatorPid);
        if (!ok) {
            taskset(all, self);
            System.err.println("  (not pinned: needs taskset and 2 cores)");
        }
        return new CpuPinning(new long[] { self, emulatorPid }, all, ok);
    }

    boolean pinned() {
        return pinned;
    }

    @Override
    public void close() {
        for (long pid : pids) {
            if (pid > 0) {
                taskset(all, pid);
            }
        }
    }

    /** Sets the CPUs of every thread of the process; false when taskset is missing or refuses. */
    private static boolean taskset(String cpus, long pid) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
