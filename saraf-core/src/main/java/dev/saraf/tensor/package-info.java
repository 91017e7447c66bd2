/**
 * Float32 N-dimensional tensors and their ops: creation, elementwise arithmetic with broadcasting,
 * activations, reductions, movement, matrix products, convolution and pooling. Every op writes its
 * backward beside its forward and records it through {@link dev.saraf.tensor.Tensor#fromOp}.
 */
package dev.saraf.tensor;
