package dev.saraf.autograd;

/**
 * A scope in which ops record nothing: {@code try (var g = NoGrad.enter()) { ... }}. Scopes nest;
 * the setting is per thread, like PyTorch's {@code torch.no_grad()}.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final int[] depth;
    private boolean closed;

    private NoGrad(int[] depth) {
        this.depth = depth;
        depth[0]++;
    }

    /** Turns recording off on this thread until the returned scope is closed. */
    public static NoGrad enter() {
        return new NoGrad(DEPTH.get());
    }

    /** True when ops on this thread record a graph. */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            depth[0]--;
        }
    }
}
