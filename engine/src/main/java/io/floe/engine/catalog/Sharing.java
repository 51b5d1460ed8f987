package io.floe.engine.catalog;

import io.floe.engine.api.catalog.BucketShare;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who shares what, as of one {@link CatalogSnapshot}: the shares of each bucket and, for each linked
 * bucket, the bucket it shows. A link is only ever shown while a share admits its project.
 */
public final class Sharing {
  private final Map<Long, Long> linkSources;
  private final Map<Long, List<BucketShare>> sharesByBucket;
  private final Map<Long, List<Long>> linksBySource;

  Sharing(Map<Long, Long> linkSources, List<BucketShare> shares) {
    this.linkSources = Map.copyOf(linkSources);
    Map<Long, List<BucketShare>> byBucket = new HashMap<>();
    for (BucketShare s : shares) {
      byBucket.computeIfAbsent(s.bucketId(), k -> new ArrayList<>()).add(s);
    }
    byBucket.replaceAll((k, v) -> List.copyOf(v));
    this.sharesByBucket = Map.copyOf(byBucket);
    Map<Long, List<Long>> bySource = new HashMap<>();
    linkSources.forEach((link, source) ->
        bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(link));
    bySource.replaceAll((k, v) -> v.stream().sorted().toList());
    this.linksBySource = Map.copyOf(bySource);
  }

  /** The bucket a linked bucket shows; empty for ordinary buckets. */
  public Optional<Long> linkSource(long bucketId) {
    return Optional.ofNullable(linkSources.get(bucketId));
  }

  public boolean isLink(long bucketId) {
    return linkSources.containsKey(bucketId);
  }

  /** Ids of the buckets that link {@code sourceBucketId}. */
  public List<Long> linksTo(long sourceBucketId) {
    return linksBySource.getOrDefault(sourceBucketId, List.of());
  }

  public List<BucketShare> shares(long bucketId) {
    return sharesByBucket.getOrDefault(bucketId, List.of());
  }

  /** Whether some share lets {@code projectId} link the bucket. */
  public boolean admits(long bucketId, String projectId) {
    return shares(bucketId).stream().anyMatch(s -> s.admits(projectId));
  }
}
