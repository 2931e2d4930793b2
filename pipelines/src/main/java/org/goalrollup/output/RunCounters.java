package org.goalrollup.output;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counters of a run, by namespace and name: committed values where the runner reports them (a
 * retried bundle then counts once), else attempted values.
 */
public final class RunCounters {
  private final Map<String, Map<String, Long>> byNamespace = new TreeMap<>();

  public static RunCounters of(PipelineResult result, String... namespaces) {
    RunCounters c = new RunCounters();
    for (String ns : namespaces) {
      MetricQueryResults q =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(ns)).build());
      Map<String, Long> m = c.byNamespace.computeIfAbsent(ns, k -> new TreeMap<>());
      for (MetricResult<Long> r : q.getCounters()) {
        m.merge(r.getName().getName(), value(r), Long::sum);
      }
    }
    return c;
  }

  private static long value(MetricResult<Long> r) {
    try {
      Long committed = r.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // this runner reports attempted values only
    }
    return r.getAttempted();
  }

  public long get(String namespace, String name) {
    return byNamespace.getOrDefault(namespace, Map.of()).getOrDefault(name, 0L);
  }

  /** Counters of a namespace whose name starts with the prefix, prefix removed. */
  public Map<String, Long> withPrefix(String namespace, String prefix) {
    Map<String, Long> out = new TreeMap<>();
    byNamespace
        .getOrDefault(namespace, Map.of())
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
              }
            });
    return out;
  }
}
