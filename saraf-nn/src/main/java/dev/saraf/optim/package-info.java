/**
 * Optimisers and gradient clipping.
 *
 * <p>An {@link dev.saraf.optim.Optimizer} updates a list of parameter tensors in place from their
 * gradients: {@link dev.saraf.optim.SGD} (momentum, Nesterov), {@link dev.saraf.optim.Adam},
 * {@link dev.saraf.optim.AdamW}, {@link dev.saraf.optim.RMSprop}, {@link dev.saraf.optim.Adagrad},
 * each following PyTorch's documented update rule, with hyperparameters in a validated
 * {@code Options} record. Their state (step counts, moment buffers, learning rate) saves to a
 * {@link dev.saraf.optim.StateDict} and restores bit-identically. {@link dev.saraf.optim.GradClip}
 * clips gradients by global norm or by value. Learning-rate schedules live in
 * {@link dev.saraf.optim.lr}.
 *
 * <p>Typical step: {@code opt.zeroGrad(); loss.backward(); GradClip.clipGradNorm(params, 1.0); opt.step();}
 */
package dev.saraf.optim;
