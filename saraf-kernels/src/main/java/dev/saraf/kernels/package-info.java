/**
 * Compute kernels over {@code float[]} arrays and offsets: GEMM, elementwise maps, reductions,
 * im2col/col2im and pooling. Kernels know nothing of tensors or autograd.
 *
 * <p>Every fast kernel (Vector API, multithreaded) has a plain scalar reference beside it; the
 * system property {@code -Dsaraf.kernels=scalar} routes every call to the references. Work is
 * split over one process-wide worker pool, see {@link dev.saraf.kernels.Parallel}.
 */
package dev.saraf.kernels;
