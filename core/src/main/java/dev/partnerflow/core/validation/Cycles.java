package dev.partnerflow.core.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds cycles: one per strongly connected component that loops, as a concrete path through its nodes. */
final class Cycles {
  private Cycles() {}

  static List<List<String>> find(Collection<String> nodes, Map<String, List<String>> successors) {
    Map<String, Integer> state = new HashMap<>(); // absent = unvisited, 1 = on stack, 2 = done
    Set<String> reported = new HashSet<>();
    List<List<String>> cycles = new ArrayList<>();
    for (String start : nodes) {
      if (state.containsKey(start)) {
        continue;
      }
      // iterative DFS keeping the current path, so deep graphs cannot overflow the stack
      List<String> path = new ArrayList<>();
      List<Integer> nextChild = new ArrayList<>();
      path.add(start);
      nextChild.add(0);
      state.put(start, 1);
      while (!path.isEmpty()) {
        int top = path.size() - 1;
        String node = path.get(top);
        List<String> next = successors.getOrDefault(node, List.of());
        int i = nextChild.get(top);
        if (i < next.size()) {
          nextChild.set(top, i + 1);
          String child = next.get(i);
          Integer s = state.get(child);
          if (s == null) {
            state.put(child, 1);
            path.add(child);
            nextChild.add(0);
          } else if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
            if (cycle.stream().noneMatch(reported::contains)) {
              reported.addAll(cycle);
              cycles.add(cycle);
            }
          }
        } else {
          state.put(node, 2);
          path.remove(top);
          nextChild.remove(top);
        }
      }
    }
    return cycles;
  }
}
