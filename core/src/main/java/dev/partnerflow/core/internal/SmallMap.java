package dev.partnerflow.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, insertion-ordered, null-value-tolerant map over two arrays, for the small JSON-like maps of event
 * data and configs. Far smaller than a LinkedHashMap (one array pair instead of a table and an entry per key), which
 * matters when a million waiting runs each hold their event. Lookups scan linearly, so use it for few keys only.
 */
final class SmallMap extends AbstractMap<String, Object> {
  private final Object[] keysAndValues;

  SmallMap(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : keysAndValues[i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keysAndValues.length / 2;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keysAndValues.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= keysAndValues.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>((String) keysAndValues[i], keysAndValues[i + 1]);
            i += 2;
            return e;
          }
        };
      }
    };
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < keysAndValues.length; i += 2) {
      h += Objects.hashCode(keysAndValues[i]) ^ Objects.hashCode(keysAndValues[i + 1]);
    }
    return h;
  }
}
