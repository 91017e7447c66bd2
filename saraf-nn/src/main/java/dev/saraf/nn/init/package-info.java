/**
 * Weight initialisers ({@link dev.saraf.nn.init.Init}): zeros, constant, uniform, normal,
 * Xavier/Glorot (Glorot and Bengio 2010) and Kaiming/He (He et al. 2015), all seeded by an explicit
 * {@link java.util.random.RandomGenerator}.
 */
package dev.saraf.nn.init;
