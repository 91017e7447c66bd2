/**
 * Stateless functions behind the layers ({@link dev.saraf.nn.functional.F}), some of them fused
 * differentiable ops (batch and layer normalisation, dropout with a mask, embedding lookup,
 * adaptive pooling, the step function) whose backward is written beside the forward.
 */
package dev.saraf.nn.functional;
