package dev.pharos.persistence;

import java.util.List;

/**
 * The groups one writer batch stores ({@code saves}) and removes ({@code deletes}, by id), in
 * one transaction. A group appears at most once: repeated pushes are coalesced before.
 */
public record PushGroupBatch(List<PushGroupEntity> saves, List<String> deletes) {
}
