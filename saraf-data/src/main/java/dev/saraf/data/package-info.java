/**
 * Data for training: data sets, batching and the file formats saraf reads.
 *
 * <ul>
 *   <li>{@link dev.saraf.data.Dataset}: random access to examples, each copied as floats into a
 *       caller's array ({@code [C, H, W]} images, {@code [F]} features).</li>
 *   <li>{@link dev.saraf.data.DataLoader}: mini-batches {@code [B, ...]} of one epoch, shuffled as a
 *       pure function of (seed, epoch), assembled ahead on one background thread, with per-example
 *       {@link dev.saraf.data.Transform}s ({@link dev.saraf.data.Normalize},
 *       {@link dev.saraf.data.RandomShift}, {@link dev.saraf.data.RandomCrop},
 *       {@link dev.saraf.data.RandomFlip}); {@link dev.saraf.data.OneHot} for targets.</li>
 *   <li>Loaders returning {@link dev.saraf.data.Splits} (train, test or validation, and the
 *       {@link dev.saraf.data.Preprocessing} to apply again at prediction time):
 *       {@link dev.saraf.data.Mnist} (MNIST, Fashion-MNIST, the bundled 10,000 digits),
 *       {@link dev.saraf.data.CsvDataset}, {@link dev.saraf.data.ImageFolder}.</li>
 *   <li>Files and places: {@link dev.saraf.data.IdxReader}, {@link dev.saraf.data.DatasetLocator},
 *       {@link dev.saraf.data.Downloader} (SHA-256 checked), {@link dev.saraf.data.Datasets}.</li>
 * </ul>
 *
 * <p>Errors about data are {@link dev.saraf.data.DataException}s whose message names the file and,
 * where it helps, the byte offset, line or column. The package depends on the JDK and saraf-core
 * only, and touches the network only when a caller asks a {@code Downloader} to.
 */
package dev.saraf.data;
