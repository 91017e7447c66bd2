/**
 * The web UI at {@code /}: a dashboard of models and training jobs, a drawing pad that asks the
 * registered digit model, and a playground that trains small networks on 2-D points with saraf.
 */
package dev.saraf.serve.ui;
