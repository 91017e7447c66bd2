package dev.saraf.kernels;

/**
 * Which implementation the kernels use, fixed for the life of the JVM by the system property
 * {@code saraf.kernels}: {@code vector} (default, Vector API SIMD and all threads) or
 * {@code scalar} (plain loops, the references the fast kernels are tested against).
 */
public enum KernelMode {
    VECTOR,
    SCALAR;

    private static final KernelMode CURRENT = parse(System.getProperty("saraf.kernels", "vector"));

    /** The mode chosen at start-up. */
    public static KernelMode current() {
        return CURRENT;
    }

    /** True when the scalar references are in use. */
    public static boolean scalar() {
        return CURRENT == SCALAR;
    }

    static KernelMode parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "vector", "simd", "" -> VECTOR;
            case "scalar" -> SCALAR;
            default -> throw new IllegalArgumentException(
                    "-Dsaraf.kernels=" + value + " is not a kernel mode; use 'vector' or 'scalar'");
        };
    }
}
