package dev.saraf.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results to {@code out}, progress and warnings to {@code err}, so that
 * {@code saraf predict ... --json > file} stays machine-readable.
 *
 * @param out results
 * @param err progress, warnings and errors
 */
record Console(PrintStream out, PrintStream err) {}
