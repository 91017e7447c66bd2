package dev.saraf.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code saraf bench} says about the machine: the CPU model, cores, clock and vector width
 * from {@code /proc/cpuinfo}, the JDK, the load average and the peak resident memory from
 * {@code /proc/self/status}; and the FMA peak that achieved GFLOP/s are compared with.
 *
 * <p>The FMA peak is {@code threads x 2 FMA units x float lanes x 2 flops x clock}. The lanes come
 * from the CPU flags (16 with AVX-512F, 8 with AVX2 or AVX, else 4), the clock from the
 * {@code cpu MHz} line: on a virtual machine that is the nominal clock, and a core that boosts
 * above it can pass 100% of this "peak". {@code --peak-gflops} overrides it.
 *
 * @param cpu       the CPU model ("model name"), or "unknown"
 * @param cores     processors available to the JVM
 * @param mhz       the clock from {@code cpu MHz}, or 0 when unknown
 * @param lanes     float lanes of the widest vector unit the CPU flags announce
 * @param lanesFrom which flag decided {@code lanes}
 */
record BenchMachine(String cpu, int cores, double mhz, int lanes, String lanesFrom) {
    /** FMA units per core assumed by the peak (two on every x86 core since Haswell and Zen 2). */
    static final int FMA_UNITS = 2;

    /** This machine, read from {@code /proc/cpuinfo} (defaults where it cannot be read). */
    static BenchMachine detect() {
        return fromCpuinfo(read(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors());
    }

    /** Parses the text of {@code /proc/cpuinfo} (only its first processor's block matters). */
    static BenchMachine fromCpuinfo(String cpuinfo, int cores) {
        String model = "unknown";
        double mhz = 0;
        String flags = "";
        for (String line : cpuinfo.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("cpu MHz") && mhz == 0) {
                try {
                    mhz = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    mhz = 0; // an odd value: the peak then needs --peak-gflops
                }
            } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                flags = " " + value + " ";
            }
        }
        if (flags.contains(" avx512f ")) {
            return new BenchMachine(model, cores, mhz, 16, "avx512f");
        }
        if (flags.contains(" avx2 ") || flags.contains(" avx ")) {
            return new BenchMachine(model, cores, mhz, 8, flags.contains(" avx2 ") ? "avx2" : "avx");
        }
        return new BenchMachine(model, cores, mhz, 4, flags.isEmpty() ? "no flags found, assumed 128-bit" : "128-bit SIMD");
    }

    /**
     * The FMA peak for {@code threads} threads, with a sentence saying where it came from.
     *
     * @param override {@code --peak-gflops}, or null to compute it
     * @return the peak in GFLOP/s (NaN when the clock is unknown and no override was given) and its source
     */
    Peak peak(int threads, Double override) {
        if (override != null) {
            return new Peak(override, "--peak-gflops");
        }
        if (mhz <= 0) {
            return new Peak(Double.NaN, "unknown: /proc/cpuinfo has no cpu MHz (give --peak-gflops)");
        }
        double ghz = mhz / 1000;
        double g = threads * FMA_UNITS * lanes * 2 * ghz;
        return new Peak(g, String.format(Locale.ROOT, "%d thread%s x %d FMA units x %d lanes (%s) x 2 flops x %.3f GHz"
                + " (cpu MHz in /proc/cpuinfo)", threads, threads == 1 ? "" : "s", FMA_UNITS, lanes, lanesFrom, ghz));
    }

    /**
     * An FMA peak.
     *
     * @param gflops GFLOP/s, NaN when unknown
     * @param source how it was obtained
     */
    record Peak(double gflops, String source) {
        /** {@code achieved / gflops}, NaN when the peak is unknown. */
        double fraction(double achieved) {
            return gflops > 0 ? achieved / gflops : Double.NaN;
        }
    }

    /** The machine for the JSON report. */
    Map<String, Object> toMap(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("cpu_mhz", mhz);
        m.put("vector_lanes", lanes);
        m.put("threads", threads);
        m.put("jdk", Runtime.version().toString());
        m.put("jvm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** The 1-minute load average, or NaN where the OS does not report it. */
    static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    /** The process's peak resident set ({@code VmHWM}) in MiB, or NaN off Linux. */
    static double peakRssMib() {
        return parseVmHwmMib(read(Path.of("/proc/self/status")));
    }

    /** The {@code VmHWM} line of a {@code /proc/PID/status} text, in MiB; NaN when absent. */
    static double parseVmHwmMib(String status) {
        for (String line : status.lines().toList()) {
            if (line.startsWith("VmHWM:")) {
                List<String> parts = List.of(line.substring(6).strip().split("\\s+"));
                try {
                    double kib = Double.parseDouble(parts.getFirst());
                    return kib / 1024;
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux, or not readable: the figures that need it are reported unknown
        }
    }
}
