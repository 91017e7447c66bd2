/**
 * Training loops: {@link dev.saraf.train.Trainer} ({@code fit} / {@code evaluate} / {@code predict}
 * over {@link dev.saraf.data.DataLoader}s), the {@link dev.saraf.train.History} it returns, and
 * {@link dev.saraf.train.Callback}s: {@link dev.saraf.train.ProgressBar},
 * {@link dev.saraf.train.EarlyStopping}, {@link dev.saraf.train.ModelCheckpoint} with
 * {@link dev.saraf.train.Trainer#resume} (bit-identical continuation), {@link dev.saraf.train.CsvLogger},
 * {@link dev.saraf.train.JsonLogger} and {@link dev.saraf.train.TerminateOnNaN}. Metrics live in
 * {@code dev.saraf.train.metrics}, plots in {@code dev.saraf.train.plot}.
 *
 * <p>Determinism: with the same seeds (model initialisation, loader, {@link dev.saraf.train.EpochRandom})
 * and the same thread count, two runs produce equal histories and bit-identical weights.
 */
package dev.saraf.train;
