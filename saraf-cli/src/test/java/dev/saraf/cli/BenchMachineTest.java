package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading the CPU from /proc/cpuinfo text, the FMA peak, VmHWM, and the statistics of the reports. */
class BenchMachineTest {
    private static final String ZEN3 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            cpu MHz\t\t: 2445.410
            flags\t\t: fpu sse sse2 fma avx avx2 bmi2
            
            processor\t: 1
            model name\t: AMD EPYC
            cpu MHz\t\t: 2600.000
            flags\t\t: fpu sse sse2 fma avx avx2 bmi2
            """;

    @Test
    void readsModelClockAndLanesOfTheFirstProcessor() {
        BenchMachine m = BenchMachine.fromCpuinfo(ZEN3, 2);
        assertThat(m.cpu()).isEqualTo("AMD EPYC");
        assertThat(m.mhz()).isEqualTo(2445.41);
        assertThat(m.lanes()).isEqualTo(8);
        assertThat(m.cores()).isEqualTo(2);
        assertThat(BenchMachine.fromCpuinfo("model name : X\ncpu MHz : 3000\nflags : sse2 avx2 avx512f avx512bw\n", 4).lanes())
                .isEqualTo(16);
        assertThat(BenchMachine.fromCpuinfo("model name : Old\ncpu MHz : 2000\nflags : sse sse2\n", 1).lanes()).isEqualTo(4);
    }

    @Test
    void peakIsThreadsTimesTwoFmaTimesLanesTimesTwoTimesClock() {
        BenchMachine.Peak p = BenchMachine.fromCpuinfo(ZEN3, 2).peak(2, null);
        assertThat(p.gflops()).isCloseTo(2 * 2 * 8 * 2 * 2.44541, within(1e-9));
        assertThat(p.source()).contains("2 threads", "8 lanes (avx2)", "2.445 GHz", "/proc/cpuinfo");
        assertThat(p.fraction(p.gflops() / 4)).isCloseTo(0.25, within(1e-12));
        assertThat(BenchMachine.fromCpuinfo(ZEN3, 2).peak(1, 100.0)).isEqualTo(new BenchMachine.Peak(100.0, "--peak-gflops"));
        BenchMachine.Peak unknown = BenchMachine.fromCpuinfo("", 2).peak(2, null);
        assertThat(unknown.gflops()).isNaN();
        assertThat(unknown.source()).contains("--peak-gflops");
        assertThat(unknown.fraction(10)).isNaN();
    }

    @Test
    void vmHwmIsTheLineInKibConvertedToMib() {
        assertThat(BenchMachine.parseVmHwmMib("Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1 kB\n")).isEqualTo(2.0);
        assertThat(BenchMachine.parseVmHwmMib("Name:\tjava\n")).isNaN();
    }

    @Test
    void medianAndQuantilesAsTheReferenceScriptComputesThem() {
        assertThat(BenchStats.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(BenchStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BenchStats.median(new double[0])).isNaN();
        double[] thousand = new double[1000];
        for (int i = 0; i < thousand.length; i++) {
            thousand[i] = 999 - i;
        }
        assertThat(BenchStats.quantile(thousand, 0.1)).isEqualTo(100);
        assertThat(BenchStats.quantile(thousand, 0.9)).isEqualTo(900);
        assertThat(BenchStats.quantile(new double[] {5}, 0.9)).isEqualTo(5);
        assertThat(BenchStats.round(1.23456, 2)).isEqualTo(1.23);
    }
}
