package dev.partnerflow.core.store;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items of this page
 * @param page 0-based page number
 * @param size requested page size
 * @param total number of items over all pages
 * @param <T> item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  /** Cuts a page out of a complete, ordered list. */
  public static <T> Page<T> of(List<T> all, int page, int size) {
    int from = (int) Math.min((long) page * size, all.size());
    int to = (int) Math.min((long) from + size, all.size());
    return new Page<>(all.subList(from, to), page, size, all.size());
  }
}
