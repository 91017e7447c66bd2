/**
 * The {@code saraf} command (picocli): {@code train}, {@code evaluate}, {@code predict},
 * {@code summary} and {@code datasets}, run by the {@code ./saraf} script at the repository root.
 *
 * <p>{@link dev.saraf.cli.Saraf} is the entry point; each command is one class. Built-in models
 * ({@code dev.saraf.train.BuiltinModels}) are architecture descriptions sized to the data; a trained model is a
 * {@code ModelFile} whose extra metadata records the {@code Preprocessing} it was trained with
 * ({@code SavedModel}), which {@code evaluate} and {@code predict} apply to new images and CSV
 * rows ({@code ModelInputs}). Errors a user can fix are one line on stderr and exit code 1 (2 for a
 * bad command line); see {@code docs/cli.md}.
 */
package dev.saraf.cli;
