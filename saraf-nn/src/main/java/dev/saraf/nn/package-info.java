/**
 * Modules and layers: {@link dev.saraf.nn.Module} (explicit registration, stable dotted names,
 * train/eval, state dicts, summaries), {@link dev.saraf.nn.Sequential}, the built-in layers
 * (Linear, Conv2d, pooling, normalisation, dropout, embedding, activations) and
 * {@link dev.saraf.nn.Architecture}, which describes a module tree as JSON-able maps and rebuilds
 * it. Stateless math lives in {@link dev.saraf.nn.functional.F}, initialisers in
 * {@code dev.saraf.nn.init}, losses in {@code dev.saraf.nn.loss}.
 */
package dev.saraf.nn;
