package dev.saraf.train.plot;

import java.math.BigDecimal;

/** "Nice" axis ticks: multiples of 1, 2 or 5 times a power of ten covering a range. */
final class Ticks {
    private Ticks() {}

    /** About {@code count} ticks from at or below {@code lo} to at or above {@code hi}. */
    static double[] nice(double lo, double hi, int count) {
        if (hi <= lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, count - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        long first = (long) Math.floor(lo / step);
        long last = (long) Math.ceil(hi / step);
        double[] t = new double[(int) (last - first + 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = (first + i) * step;
        }
        return t;
    }

    /** A short label for tick {@code v}, with as many decimals as the tick spacing needs. */
    static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
