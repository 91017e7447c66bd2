package dev.saraf.serve.jobs;

import java.nio.file.Path;

/**
 * Where a finished job's model goes: the server registers it in its registry as a new version
 * (in staging), e.g. {@code (name, file) -> registry.models().register(name, file, "job " + id).version()}.
 */
@FunctionalInterface
public interface ModelSink {
    /**
     * Registers the model file at {@code file} under {@code name}; the file may be deleted afterwards.
     *
     * @param job the id of the job that trained it, for provenance
     * @return the new version number
     */
    int register(String name, Path file, String job);
}
