package dev.saraf.tensor;

import dev.saraf.autograd.Engine;
import dev.saraf.autograd.NoGrad;
import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.Im2col;
import dev.saraf.kernels.MapKernels;
import dev.saraf.kernels.PackedA;
import dev.saraf.kernels.Parallel;
import dev.saraf.kernels.PatchGemm;
import dev.saraf.kernels.Pool2d;
import dev.saraf.kernels.ReluMaxPoolChannelsLast;
import dev.saraf.kernels.Window2d;
import java.util.Arrays;

/**
 * 2-D convolution lowered to GEMM through im2col, forward and backward.
 *
 * <p>Per image and group g: {@code col = im2col(x[n, g]) [C/g R S, P Q]} and
 * {@code y[n, g] = W_g [K/g, C/g R S] x col}, with the bias pre-filled into y and added by GEMM's
 * {@code beta = 1}. The backward reuses the same column buffer: {@code dW_g += dy[n, g] x col^T}
 * and {@code dx[n, g] = col2im(W_g^T x dy[n, g])}, through GEMM's transpose flags. Each image is
 * worked in bands of output rows whose column matrix fits in L2 ({@code BAND_FLOATS}), so im2col's
 * output is still in cache when GEMM packs it. A 1x1 kernel with stride 1 and no padding skips
 * im2col: the image is already its own column matrix. Two epilogues can be fused after the
 * convolution, image by image while its output is in cache: relu ({@link #conv2dRelu}) and relu
 * followed by max pooling ({@link #conv2dReluMaxPool}). The forward of the latter, for a 2x2
 * pooling, is computed channels-last instead, {@code patches(x) W^T} straight from the image
 * ({@link PatchGemm}), with the same sums in the same order.
 *
 * <p>Parallelism: with at least as many images as threads (or small images), the batch is split
 * into chunks of images ({@code CHUNKS_PER_THREAD} per thread) that the threads take as they come
 * (on a shared machine one core can run a third slower than the other for seconds, and a
 * half-and-half split waits for the slower one in every layer). Each thread works with its own
 * column buffer; in the backward each chunk sums its images' weight gradients in a partial of its
 * own, and the partials are added in chunk order afterwards (deterministic for a given thread
 * count, whichever thread took which chunk). GEMM runs single-threaded inside the workers. Otherwise (a single image, as in batch-1 inference)
 * the forward splits each image's output rows over the threads, and the backward's GEMMs use the
 * threads themselves.
 */
public final class Convolution {
    /** Below this many multiply-adds per image, a GEMM is too small to be worth splitting across threads. */
    private static final long SMALL_IMAGE = 1L << 20;
    /**
     * Floats of column matrix per band of output rows (192 KB): with the band's packed copy and
     * the packed weights, a band's working set stays inside this machine's 512 KB L2.
     */
    private static final int BAND_FLOATS = 48 * 1024;
    /** Multiply-adds each thread must get before one image's GEMM is split over threads. */
    private static final long SPLIT_WORK = 1L << 20;
    /** Chunks of the batch per thread, taken dynamically. */
    private static final int CHUNKS_PER_THREAD = 8;
    /** Each thread's column buffer and scratch buffer, grown on demand and reused. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {{}, {}});
    /** Each thread's argmax buffer for the channels-last pooling, grown on demand and reused. */
    private static final ThreadLocal<int[][]> INDEX = ThreadLocal.withInitial(() -> new int[][] {{}});

    private Convolution() {}

    /**
     * Cross-correlation of {@code x [N, C, H, W]} with {@code weight [K, C/groups, R, S]} plus
     * {@code bias [K]} (or none when null), giving {@code [N, K, P, Q]} with
     * {@code P = (H + 2 padding[0] - dilation[0] (R - 1) - 1) / stride[0] + 1} and likewise Q.
     * {@code stride}, {@code padding} and {@code dilation} are (height, width) pairs; input and
     * output channels split into {@code groups} independent groups.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return conv2d(x, weight, bias, stride, padding, dilation, groups, false);
    }

    /**
     * {@code relu(conv2d(...))} in one op: each image's output is rectified while it is still in
     * cache, and the backward masks each image's gradient in a per-task buffer instead of a pass
     * over the whole batch. Values and gradients are bit-identical to the two ops one after the
     * other (the mask {@code y > 0} of the rectified output equals {@code x > 0} of its input).
     */
    public static Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                    int groups) {
        return conv2d(x, weight, bias, stride, padding, dilation, groups, true);
    }

    /**
     * {@code maxPool2d(relu(conv2d(...)))} in one op, pooling window {@code poolKernel},
     * {@code poolStride} and {@code poolPadding} as in {@link Pooling#maxPool2d}: each image is
     * convolved into a buffer of the running thread, rectified and pooled while it is still in
     * cache, so the full-size activation (19 MB a batch in W-CNN) is neither allocated nor kept for
     * the backward, and neither is the pooling's input gradient. The backward rebuilds each image's
     * gradient from the pooled output and the argmax alone: the gradient reaches a window's
     * argmax, and relu passes it only where the pooled maximum is positive, because that maximum
     * is the rectified value at the argmax. Values and gradients are bit-identical to the three
     * ops one after the other.
     */
    public static Tensor conv2dReluMaxPool(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                           int[] dilation, int groups, int[] poolKernel, int[] poolStride,
                                           int[] poolPadding) {
        Geometry geo = Geometry.of(x, weight, bias, stride, padding, dilation, groups);
        Window2d pool = Pooling.window("maxPool2d", Shape.of(geo.n, geo.k, geo.p, geo.q), poolKernel, poolStride,
                poolPadding);
        int k = geo.k;
        int image = k * geo.pq;
        int pooledImage = k * pool.outPlaneSize();
        float[] pooled = ActivationPool.uninitialized(geo.n * pooledImage); // every window is written
        boolean grad = NoGrad.isGradEnabled()
                && (x.requiresGrad() || weight.requiresGrad() || bias != null && bias.requiresGrad());
        int[] argmax = grad ? ActivationPool.uninitializedInts(pooled.length) : null; // every window is written
        float[] xd = x.data();
        float[] bd = bias == null ? null : bias.data();
        if (channelsLast(geo, pool)) {
            float[] wt = PatchGemm.packWeights(weight.data(), 0, k, geo.crs);
            forImages(geo, 0, (task, img, col, scratch) -> forRows(pool.outHeight(), (long) k * geo.crs * geo.pq,
                    (row0, row1) -> poolRows(geo, pool, xd, wt, bd, img, row0, row1, pooled, argmax)));
        } else {
            PackedA[] w = packWeights(geo, weight.data(), false);
            forImages(geo, image, (task, img, col, scratch) -> {
                convolveImage(geo, xd, w, bd, img, col, scratch, 0);
                MapKernels.relu(scratch, 0, scratch, 0, image);
                Pool2d.maxForward(pool, k, scratch, 0, pooled, img * pooledImage, argmax, img * pooledImage);
            });
        }
        Tensor result = Tensor.fromOp(pooled, Shape.of(geo.n, k, pool.outHeight(), pool.outWidth()), "conv2dReluMaxPool2d",
                gradOut -> {
                    float[] gd = gradOut.data();
                    return backward(geo, x, weight, bias, null, (img, into) -> {
                        Arrays.fill(into, 0, image, 0f);
                        Pool2d.maxReluBackward(pool, k, gd, img * pooledImage, argmax, img * pooledImage, pooled,
                                img * pooledImage, into, 0);
                    });
                }, x, weight, bias);
        Engine.recycleSavedAfterBackward(result, argmax);
        return result;
    }

    /**
     * Whether {@link #conv2dReluMaxPool} takes the channels-last path: one group, a plain 2x2
     * stride-2 pooling, and a product that {@link PatchGemm} computes bit for bit as the
     * im2col path's GEMM does. There each image's pooled rows are convolved as
     * {@code patches(x) W^T} ({@link PatchGemm}: no column matrix, whole micro-tiles for
     * W-CNN's 64 channels and 24-pixel rows) and pooled from that channels-last result with the
     * bias and relu ({@link ReluMaxPoolChannelsLast}). W-CNN's second convolution with its pooling
     * at batch 1: 218 against 333 us on one thread, 128 against 221 on two; its training step on two
     * threads 72-73 against 82-83 ms (Xeon with AVX-512).
     */
    private static boolean channelsLast(Geometry geo, Window2d pool) {
        return geo.groups == 1 && pool.kernelH() == 2 && pool.kernelW() == 2 && pool.strideH() == 2
                && pool.strideW() == 2 && pool.padH() == 0 && pool.padW() == 0 && pool.dilationH() == 1
                && pool.dilationW() == 1 && PatchGemm.applies(geo.k, geo.crs, geo.q);
    }

    /**
     * Pooled rows {@code [row0, row1)} of image {@code img} by the channels-last path: the
     * convolution of the pixel rows under them into the running thread's buffer, then bias, relu
     * and pooling into {@code pooled} (and {@code argmax}), both {@code [N, K, P/2, Q/2]}.
     */
    private static void poolRows(Geometry geo, Window2d pool, float[] xd, float[] wt, float[] bd, int img, int row0,
                                 int row1, float[] pooled, int[] argmax) {
        int k = geo.k;
        int pix0 = 2 * row0 * geo.q;
        int pix1 = 2 * row1 * geo.q;
        int outs = (row1 - row0) * pool.outWidth() * k;
        float[] conv = buffer(0, (pix1 - pix0) * k);
        float[] rows = buffer(1, outs);
        int[] index = argmax == null ? null : indexBuffer(outs);
        PatchGemm.forward(geo.window, geo.c, xd, geo.imageGroupOffset(img, 0), wt, k, pix0, pix1, conv, 0, k);
        int base = img * k * pool.outPlaneSize();
        ReluMaxPoolChannelsLast.forward(k, geo.p, geo.q, conv, 0, k, bd, row0, row1, pooled, base, argmax, base, rows,
                index);
    }

    private static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                 int groups, boolean relu) {
        Geometry geo = Geometry.of(x, weight, bias, stride, padding, dilation, groups);
        int image = geo.k * geo.pq;
        float[] xd = x.data();
        float[] out = ActivationPool.uninitialized(geo.n * image); // bias, else GEMM's beta 0, writes every element
        float[] bd = bias == null ? null : bias.data();
        PackedA[] w = packWeights(geo, weight.data(), false);
        forImages(geo, 0, (task, img, col, scratch) -> {
            convolveImage(geo, xd, w, bd, img, col, out, img * image);
            if (relu) {
                MapKernels.relu(out, img * image, out, img * image, image);
            }
        });
        return Tensor.fromOp(out, Shape.of(geo.n, geo.k, geo.p, geo.q), relu ? "conv2dRelu" : "conv2d",
                gradOut -> {
                    float[] dy = gradOut.data();
                    return backward(geo, x, weight, bias, dy, !relu ? null : (img, into) ->
                            MapKernels.reluBackward(out, img * image, dy, img * image, into, 0, image));
                }, x, weight, bias);
    }

    /**
     * Image {@code img}'s output, every group, into {@code out} from {@code outBase} ({@code [K, P, Q]}):
     * the bias pre-filled and added by GEMM's {@code beta = 1}.
     */
    private static void convolveImage(Geometry geo, float[] xd, PackedA[] w, float[] bd, int img, float[] col,
                                      float[] out, int outBase) {
        int pq = geo.pq;
        if (bd != null) {
            for (int c = 0; c < geo.k; c++) {
                Arrays.fill(out, outBase + c * pq, outBase + (c + 1) * pq, bd[c]);
            }
        }
        float beta = bd == null ? 0f : 1f;
        for (int g = 0; g < geo.groups; g++) {
            int xOff = geo.imageGroupOffset(img, g);
            int outOff = outBase + g * geo.kg * pq;
            if (geo.direct) {
                // GEMM itself splits a single image's product over the threads
                Gemm.sgemm(w[g], false, pq, 1f, xd, xOff, pq, beta, out, outOff, pq);
            } else {
                forwardBands(geo, xd, xOff, w[g], col, beta, out, outOff);
            }
        }
    }

    /**
     * {@code out = W_g x im2col(x) + beta out} for one image and group, band by band of output rows
     * ({@link Geometry#bandRows}), so that each band's columns stay in cache between im2col and
     * the GEMM instead of a whole image's column matrix streaming through memory. When the batch is
     * not split over threads (a single image, as in batch-1 inference), the threads take contiguous
     * row ranges, each with its own column buffer and single-threaded GEMMs: one fan-out per image.
     */
    private static void forwardBands(Geometry geo, float[] xd, int xOff, PackedA w, float[] col, float beta,
                                     float[] out, int outOff) {
        // each range with the running thread's own column buffer (on the caller, col itself)
        forRows(geo.p, (long) geo.kg * geo.crs * geo.pq,
                (r0, r1) -> forwardRows(geo, xd, xOff, w, r0, r1, buffer(0, col.length), beta, out, outOff));
    }

    /**
     * Runs {@code body} over rows {@code [0, rows)} of one image: in contiguous ranges, one per
     * thread, when the image's {@code work} (multiply-adds) gives each thread at least
     * {@code SPLIT_WORK}, else whole on the calling thread. Inside a task of a batch split
     * {@link Parallel#threads()} is 1, so there the image stays whole.
     */
    private static void forRows(int rows, long work, Parallel.RangeBody body) {
        int parts = (int) Math.min(Math.min(Parallel.threads(), rows), work / SPLIT_WORK);
        if (parts <= 1) {
            body.run(0, rows);
            return;
        }
        Parallel.forTasks(parts, t -> body.run((int) ((long) rows * t / parts), (int) ((long) rows * (t + 1) / parts)));
    }

    /** Output rows {@code [r0, r1)} of one image and group, in bands of at most {@link Geometry#bandRows} rows. */
    private static void forwardRows(Geometry geo, float[] xd, int xOff, PackedA w, int r0, int r1, float[] col,
                                    float beta, float[] out, int outOff) {
        for (int p0 = r0; p0 < r1; p0 += geo.bandRows) {
            int p1 = Math.min(r1, p0 + geo.bandRows);
            int cols = (p1 - p0) * geo.q;
            Im2col.im2col(geo.window, geo.cg, xd, xOff, p0, p1, col, 0);
            Gemm.sgemm(w, false, cols, 1f, col, 0, cols, beta, out, outOff + p0 * geo.q, geo.pq);
        }
    }

    /**
     * Gradients for the convolution's output gradient: {@code dy} itself when {@code epilogue} is
     * null, else what {@code epilogue} writes for each image (the gradient through the ops fused
     * after the convolution), image by image into a buffer of the running thread.
     */
    private static Tensor[] backward(Geometry geo, Tensor x, Tensor weight, Tensor bias, float[] dy, ImageGrad epilogue) {
        int k = geo.k;
        int pq = geo.pq;
        float[] xd = x.data();
        float[] wd = weight.data();
        // col2im adds into dx: each image's part is zeroed by the task that fills it, in parallel
        float[] dx = x.requiresGrad() ? ActivationPool.uninitialized(xd.length) : null;
        float[] dw = weight.requiresGrad() ? new float[wd.length] : null;
        float[] db = bias != null && bias.requiresGrad() ? new float[k] : null;
        PackedA[] wt = dx != null ? packWeights(geo, wd, true) : null;
        // with an epilogue, each image's channel sums are taken from its own gradient, then added in
        // image order: the same additions, in the same order, as the unfused path below
        float[] imageDb = db != null && epilogue != null ? new float[geo.n * k] : null;
        if (db != null && epilogue == null) {
            // channels split over threads; each channel sums its images in order, whatever the split
            Parallel.forRange(k, Math.max(1, (1 << 15) / Math.max(1, geo.n * pq)), (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    float acc = 0f;
                    for (int img = 0; img < geo.n; img++) {
                        acc += sum(dy, (img * k + c) * pq, pq);
                    }
                    db[c] = acc;
                }
            });
        }
        if (dx != null || dw != null || imageDb != null) {
            int tasks = taskCount(geo);
            // each task sums its images' weight gradients in its own buffer; task 0 writes dw itself
            float[][] partial = new float[tasks][];
            if (dw != null) {
                partial[0] = dw;
                for (int t = 1; t < tasks; t++) {
                    partial[t] = new float[dw.length];
                }
            }
            int image = geo.c * geo.h * geo.w;
            forImages(geo, epilogue == null ? 0 : k * pq, (task, img, col, masked) -> {
                float[] grad = dy;
                int base = img * k * pq;
                if (dx != null && !geo.direct) {
                    Arrays.fill(dx, img * image, (img + 1) * image, 0f);
                }
                if (epilogue != null) {
                    epilogue.write(img, masked);
                    grad = masked;
                    base = 0;
                    if (imageDb != null) {
                        for (int c = 0; c < k; c++) {
                            imageDb[img * k + c] = sum(masked, c * pq, pq);
                        }
                    }
                }
                for (int g = 0; g < geo.groups; g++) {
                    int xOff = geo.imageGroupOffset(img, g);
                    int yOff = base + g * geo.kg * pq;
                    int wOff = g * geo.kg * geo.crs;
                    if (geo.direct) {
                        if (dw != null) {
                            Gemm.sgemm(false, true, geo.kg, geo.crs, pq, 1f, grad, yOff, pq, xd, xOff, pq,
                                    1f, partial[task], wOff, geo.crs);
                        }
                        if (dx != null) {
                            Gemm.sgemm(wt[g], false, pq, 1f, grad, yOff, pq, 0f, dx, xOff, pq);
                        }
                        continue;
                    }
                    // band by band of output rows, as the forward: a band's columns stay in cache
                    for (int p0 = 0; p0 < geo.p; p0 += geo.bandRows) {
                        int p1 = Math.min(geo.p, p0 + geo.bandRows);
                        int cols = (p1 - p0) * geo.q;
                        int band = yOff + p0 * geo.q;
                        if (dw != null) {
                            Im2col.im2col(geo.window, geo.cg, xd, xOff, p0, p1, col, 0);
                            Gemm.sgemm(false, true, geo.kg, geo.crs, cols, 1f, grad, band, pq, col, 0, cols,
                                    1f, partial[task], wOff, geo.crs);
                        }
                        if (dx != null) {
                            Gemm.sgemm(wt[g], false, cols, 1f, grad, band, pq, 0f, col, 0, cols);
                            Im2col.col2im(geo.window, geo.cg, col, 0, p0, p1, dx, xOff);
                        }
                    }
                }
            });
            if (dw != null) {
                for (int t = 1; t < tasks; t++) {
                    float[] part = partial[t];
                    for (int i = 0; i < dw.length; i++) {
                        dw[i] += part[i];
                    }
                }
            }
            if (imageDb != null) {
                for (int c = 0; c < k; c++) {
                    float acc = 0f;
                    for (int img = 0; img < geo.n; img++) {
                        acc += imageDb[img * k + c];
                    }
                    db[c] = acc;
                }
            }
        }
        return new Tensor[] {
            dx == null ? null : Tensor.wrapFresh(dx, x.shape()),
            dw == null ? null : Tensor.wrapFresh(dw, weight.shape()),
            db == null ? null : Tensor.wrapFresh(db, bias.shape())
        };
    }

    /**
     * Sum of {@code x[off, off + n)} in four interleaved partial sums: one running sum is bound by
     * the add latency. Plain Java on purpose: a vector lane reduction may add in a different order
     * once compiled than when interpreted, and the result must not depend on JIT timing.
     */
    static float sum(float[] x, int off, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = off;
        for (int end = off + (n & ~3); i < end; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (int end = off + n; i < end; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Each group's weights {@code W_g [K/g, C/g R S]} packed once for all the call's products
     * ({@link PackedA}): as op(A) of {@code W_g x columns}, or with {@code transposed} of
     * {@code W_g^T x dy}. Packing them for every band of every image took a quarter of those
     * products' time.
     */
    private static PackedA[] packWeights(Geometry geo, float[] wd, boolean transposed) {
        PackedA[] w = new PackedA[geo.groups];
        for (int g = 0; g < geo.groups; g++) {
            int wOff = g * geo.kg * geo.crs;
            w[g] = transposed ? PackedA.of(true, geo.crs, geo.kg, wd, wOff, geo.crs)
                    : PackedA.of(false, geo.kg, geo.crs, wd, wOff, geo.crs);
        }
        return w;
    }

    /** Writes one image's gradient with respect to the convolution's output ({@code [K, P, Q]}) into a buffer. */
    @FunctionalInterface
    private interface ImageGrad {
        void write(int image, float[] into);
    }

    /** Work on one image with the task's column buffer and scratch buffer. */
    @FunctionalInterface
    private interface ImageBody {
        void run(int task, int image, float[] col, float[] scratch);
    }

    /**
     * How many tasks split the batch: chunks for every thread when images are plentiful or small,
     * else one (GEMM goes parallel).
     */
    private static int taskCount(Geometry geo) {
        int threads = Parallel.threads();
        long work = (long) geo.k * geo.crs * geo.pq;
        if (geo.n > 1 && threads > 1 && (geo.n >= threads || work < SMALL_IMAGE)) {
            return Math.min(geo.n, threads * CHUNKS_PER_THREAD);
        }
        return 1;
    }

    /** The calling thread's buffer {@code which} (0: columns, 1: scratch), at least {@code size} floats. */
    private static float[] buffer(int which, int size) {
        float[][] own = BUFFERS.get();
        if (own[which].length < size) {
            own[which] = new float[size];
        }
        return own[which];
    }

    /** The calling thread's int buffer, at least {@code size} elements. */
    private static int[] indexBuffer(int size) {
        int[][] own = INDEX.get();
        if (own[0].length < size) {
            own[0] = new int[size];
        }
        return own[0];
    }

    /**
     * Runs {@code body} for every image, tasks taking contiguous image ranges, each with the
     * running thread's column buffer and a scratch buffer of {@code scratchSize} floats.
     */
    private static void forImages(Geometry geo, int scratchSize, ImageBody body) {
        int tasks = taskCount(geo);
        int colSize = geo.direct ? 0 : geo.crs * geo.bandRows * geo.q;
        Parallel.TaskBody task = t -> {
            float[] col = buffer(0, colSize);
            float[] scratch = buffer(1, scratchSize);
            int lo = (int) ((long) geo.n * t / tasks);
            int hi = (int) ((long) geo.n * (t + 1) / tasks);
            for (int img = lo; img < hi; img++) {
                body.run(t, img, col, scratch);
            }
        };
        if (tasks == 1) {
            task.run(0); // on the caller: each GEMM may use every thread
        } else {
            // the batch is the parallel level: inside a task GEMM runs on its one thread
            Parallel.forTasks(tasks, task);
        }
    }

    /** The validated sizes of one convolution. */
    private record Geometry(int n, int c, int h, int w, int k, int groups, int cg, int kg, int crs,
                            int p, int q, int pq, Window2d window, boolean direct, int bandRows) {

        int imageGroupOffset(int img, int g) {
            return (img * c + g * cg) * h * w;
        }

        static Geometry of(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
            Shape xs = x.shape();
            Shape ws = weight.shape();
            String shapes = "input " + xs + ", weight " + ws;
            if (xs.rank() != 4 || ws.rank() != 4) {
                throw new IllegalArgumentException("conv2d: input must be [N, C, H, W] and weight [K, C/groups, R, S]; got " + shapes);
            }
            checkPair("stride", stride, 1, shapes);
            checkPair("padding", padding, 0, shapes);
            checkPair("dilation", dilation, 1, shapes);
            int c = xs.dim(1);
            int k = ws.dim(0);
            if (groups < 1 || c % groups != 0 || k % groups != 0) {
                throw new IllegalArgumentException("conv2d: groups " + groups + " must divide both the " + c
                        + " input channels and the " + k + " output channels (" + shapes + ")");
            }
            int cg = c / groups;
            if (ws.dim(1) != cg) {
                throw new IllegalArgumentException("conv2d: input has " + c + " channels, so with groups " + groups
                        + " the weight needs " + cg + " input channels at axis 1, not " + ws.dim(1) + " (" + shapes + ")");
            }
            if (bias != null && (bias.rank() != 1 || bias.size(0) != k)) {
                throw new IllegalArgumentException("conv2d: bias shape " + bias.shape() + " does not match the " + k
                        + " output channels (" + shapes + ")");
            }
            int r = ws.dim(2);
            int s = ws.dim(3);
            int h = xs.dim(2);
            int w = xs.dim(3);
            Window2d win;
            try {
                win = new Window2d(h, w, r, s, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("conv2d: " + e.getMessage() + " (" + shapes + ", padding "
                        + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation) + ")", e);
            }
            boolean direct = r == 1 && s == 1 && stride[0] == 1 && stride[1] == 1 && padding[0] == 0 && padding[1] == 0;
            int p = win.outHeight();
            int q = win.outWidth();
            int crs = cg * r * s;
            // output rows per band: a band's column matrix ([crs, rows q]) about BAND_FLOATS floats
            int bandRows = Math.max(1, Math.min(p, BAND_FLOATS / Math.max(1, crs * q)));
            return new Geometry(xs.dim(0), c, h, w, k, groups, cg, k / groups, crs, p, q, p * q, win, direct, bandRows);
        }

        private static void checkPair(String name, int[] pair, int min, String shapes) {
            if (pair == null || pair.length != 2 || pair[0] < min || pair[1] < min) {
                throw new IllegalArgumentException("conv2d: " + name + " must be a (height, width) pair of values >= " + min
                        + ", got " + (pair == null ? "null" : Arrays.toString(pair)) + " (" + shapes + ")");
            }
        }
    }
}
