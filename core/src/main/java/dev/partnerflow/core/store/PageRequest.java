package dev.partnerflow.core.store;

/**
 * Which page to return.
 *
 * @param page 0-based page number, at least 0
 * @param size items per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int page, int size) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;
  public static final PageRequest FIRST = new PageRequest(0, DEFAULT_SIZE);

  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("page must be at least 0, but was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", but was " + size);
    }
  }

  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size);
  }
}
