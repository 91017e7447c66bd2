/**
 * Training plots as PNG files, drawn with Java2D and written with ImageIO (no third-party code;
 * works headless, {@code -Djava.awt.headless=true}): {@link dev.saraf.train.plot.Curves} (loss and
 * accuracy per epoch, training against validation), {@link dev.saraf.train.plot.ConfusionHeatmap}
 * and {@link dev.saraf.train.plot.ImageGrid} (test images with predicted and true labels, wrong ones
 * in red). Files are written to a temporary name and renamed into place.
 */
package dev.saraf.train.plot;
