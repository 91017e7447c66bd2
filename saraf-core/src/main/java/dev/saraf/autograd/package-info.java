/**
 * Reverse-mode automatic differentiation on a dynamic tape (define-by-run).
 *
 * <p>Each differentiable op records a {@link dev.saraf.autograd.Node} holding its inputs and the
 * {@link dev.saraf.autograd.Backward} function written beside its forward code.
 * {@link dev.saraf.autograd.Engine} walks the graph iteratively in reverse topological order (no
 * recursion, so chains of any length work), accumulating gradients into leaf tensors.
 * {@link dev.saraf.autograd.NoGrad} turns recording off for inference and optimiser steps;
 * {@link dev.saraf.autograd.GradCheck} compares analytic gradients with central finite
 * differences.
 */
package dev.saraf.autograd;
