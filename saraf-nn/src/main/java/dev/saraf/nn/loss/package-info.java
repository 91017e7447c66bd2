/**
 * Losses ({@link dev.saraf.nn.loss.Loss}): mean squared, absolute and Huber errors for regression;
 * cross-entropy from logits (class weights, label smoothing; fused), negative log-likelihood,
 * binary cross-entropy and its stable form from logits for classification; each with
 * {@link dev.saraf.nn.loss.Reduction} mean, sum or none, and errors that name the bad label or shape.
 */
package dev.saraf.nn.loss;
