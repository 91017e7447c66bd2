package dev.saraf.serve.registry;

import java.time.Instant;

/**
 * One line of {@link ModelRegistry#listModels()}.
 *
 * @param name              the model's name
 * @param created           when its first version was registered
 * @param versionCount      how many versions it has now (deleted ones not counted; may be 0)
 * @param latestVersion     its newest version number, or null when it has none
 * @param productionVersion its production version number, or null when none is in production
 * @param defaultVersion    the version {@link ModelRegistry#resolve} serves, or null when none
 */
public record ModelSummary(String name, Instant created, int versionCount, Integer latestVersion,
        Integer productionVersion, Integer defaultVersion) {}
