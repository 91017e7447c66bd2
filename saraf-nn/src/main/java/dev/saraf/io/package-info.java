/**
 * Model files and JSON, with no dependency beyond the JDK.
 *
 * <p>{@link dev.saraf.io.ModelFile} saves and loads a whole model as one safetensors file: the
 * weights under PyTorch's names, the architecture, the {@link dev.saraf.io.Provenance} and
 * optionally the optimiser's state, read back as a {@link dev.saraf.io.LoadedModel}; the layout
 * and every metadata key are in {@code docs/model-files.md}. A file that is not a valid model is
 * rejected with a {@link dev.saraf.io.ModelFileException} naming the file and the field.
 *
 * <p>Beneath it, {@link dev.saraf.io.SafeTensors} reads and writes the safetensors format (weights
 * that any safetensors reader opens, string metadata beside them), writing atomically and
 * validating every field on read; {@link dev.saraf.io.SafeTensorsException} names the file, the
 * field and the byte offset of a problem. {@link dev.saraf.io.Json} is a small JSON reader and
 * writer for headers, architectures and provenance.
 */
package dev.saraf.io;
