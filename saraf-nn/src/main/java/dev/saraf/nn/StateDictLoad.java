package dev.saraf.nn;

import java.util.List;

/**
 * What {@link Module#loadStateDict(java.util.Map, boolean)} tolerated when not strict: the names
 * the module has but the map lacks, and the names in the map the module does not have (both
 * empty after a strict load).
 */
public record StateDictLoad(List<String> missing, List<String> unexpected) {
    /** Copies the lists. */
    public StateDictLoad {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }
}
