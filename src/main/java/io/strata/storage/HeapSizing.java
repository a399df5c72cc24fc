package io.strata.storage;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps the heap near what the head actually needs when the operator gave the JVM no heap
 * settings. A server started as {@code java -jar quarkus-run.jar} gets a maximum heap of a quarter
 * of the machine's memory and G1 grows towards it under ingest load although the live data (head
 * blocks, caches) is bounded. At startup, through HotSpot's manageable flags, this sets
 * {@code SoftMaxHeapSize} (G1's target size; it may still grow past it when live data needs it)
 * and tighter {@code Min/MaxHeapFreeRatio}. Flags set on the command line are left alone; the soft
 * size can be chosen with the system property {@code strata.heap.soft-max-bytes} (0 = leave alone).
 * Does nothing on JVMs without these flags.
 */
final class HeapSizing {
    static final long DEFAULT_SOFT_MAX = 512L << 20;
    private static volatile boolean applied;

    private HeapSizing() {}

    static synchronized void applyOnce() {
        if (applied) {
            return;
        }
        applied = true;
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hs == null || !isDefault(hs, "MaxHeapSize")) {
                return;
            }
            long soft = Long.getLong("strata.heap.soft-max-bytes", DEFAULT_SOFT_MAX);
            long max = Runtime.getRuntime().maxMemory();
            if (soft > 0 && soft < max && isDefault(hs, "SoftMaxHeapSize")) {
                hs.setVMOption("SoftMaxHeapSize", Long.toString(soft));
            }
            if (isDefault(hs, "MinHeapFreeRatio") && isDefault(hs, "MaxHeapFreeRatio")) {
                hs.setVMOption("MinHeapFreeRatio", "10");
                hs.setVMOption("MaxHeapFreeRatio", "30");
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or the flag is not manageable here: keep the JVM's defaults
        }
    }

    private static boolean isDefault(HotSpotDiagnosticMXBean hs, String flag) {
        VMOption o = hs.getVMOption(flag);
        return o.getOrigin() == VMOption.Origin.DEFAULT || o.getOrigin() == VMOption.Origin.ERGONOMIC;
    }
}
