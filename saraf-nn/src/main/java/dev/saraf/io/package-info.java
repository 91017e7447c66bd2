/**
 * Model files and JSON, with no dependency beyond the JDK.
 *
 * <p>{@link dev.saraf.io.SafeTensors} reads and writes the safetensors format (weights that any
 * safetensors reader opens, string metadata beside them), writing atomically and validating every
 * field on read; {@link dev.saraf.io.SafeTensorsException} names the file, the field and the byte
 * offset of a problem. {@link dev.saraf.io.Json} is a small JSON reader and writer for headers,
 * architectures and provenance.
 */
package dev.saraf.io;
