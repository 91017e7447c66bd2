package dev.saraf.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenBLAS's {@code cblas_sgemm}, called through the JDK's foreign-function API, as the yardstick
 * for saraf's GEMM. Lives in the bench module only: the library itself never loads native code.
 *
 * <p>The library is {@code -Dsaraf.openblas=PATH} if set, else Debian's pthread build
 * ({@code apt-get install -y libopenblas0-pthread}).
 */
public final class OpenBlas {
    /** Where Debian's libopenblas0-pthread puts the library. */
    public static final String DEBIAN_PATH = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";
    /** How to get the library when it is missing. */
    public static final String INSTALL_HINT = "OpenBLAS not found at " + DEBIAN_PATH
            + "; install it with `apt-get install -y libopenblas0-pthread` (or pass -Dsaraf.openblas=/path/to/libopenblas.so)";

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final MethodHandle sgemm;
    private final MethodHandle setThreads;
    private final MethodHandle corename;

    private OpenBlas(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        sgemm = linker.downcallHandle(lib.findOrThrow("cblas_sgemm"), FunctionDescriptor.ofVoid(
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT));
        setThreads = linker.downcallHandle(lib.findOrThrow("openblas_set_num_threads"),
                FunctionDescriptor.ofVoid(JAVA_INT));
        corename = linker.downcallHandle(lib.findOrThrow("openblas_get_corename"),
                FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(64, JAVA_BYTE))));
    }

    /** Loads OpenBLAS, or empty when it is not installed. */
    public static Optional<OpenBlas> load() {
        String path = System.getProperty("saraf.openblas", DEBIAN_PATH);
        if (!Files.exists(Path.of(path))) {
            return Optional.empty();
        }
        return Optional.of(new OpenBlas(SymbolLookup.libraryLookup(Path.of(path), Arena.global())));
    }

    /** Limits OpenBLAS to {@code n} threads. */
    public void setThreads(int n) {
        try {
            setThreads.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }

    /** The kernel family OpenBLAS picked for this CPU (e.g. "Zen", "Haswell", "SkylakeX"). */
    public String coreName() {
        try {
            MemorySegment s = (MemorySegment) corename.invokeExact();
            return s.getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_get_corename failed", e);
        }
    }

    /** Row-major {@code C = alpha op(A) op(B) + beta C} on native segments, as saraf's {@code Gemm.sgemm}. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, int lda, MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }
}
