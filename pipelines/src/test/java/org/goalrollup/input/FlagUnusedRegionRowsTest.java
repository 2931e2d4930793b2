package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.TestPipelineExtension;
import org.goalrollup.Warnings;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.stats.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A region.csv row for a district the run does not have is kept (the contract accepts it) but named
 * in a warning that the run's counters bring back, one per row; ALL and known districts are not.
 */
@ExtendWith(TestPipelineExtension.class)
class FlagUnusedRegionRowsTest {
  final TestPipeline p = TestPipeline.create();

  static RegionRecord row(String district, long line) {
    RegionRecord r = Fixtures.region(district, 2020, "100", null, "0");
    r.setLineNumber(line);
    return r;
  }

  @Test
  void rowsOfUnknownDistrictsAreWarnedAbout() {
    PCollectionView<List<String>> districts =
        p.apply("Districts", Create.of(List.of("海曙区", "石碶街道")).withCoder(StringUtf8Coder.of()))
            .apply(View.asList());
    p.apply(
            "Region",
            Create.of(
                    row("ALL", 2),
                    row("海曙区", 3),
                    row("all", 4),
                    row("全区", 5),
                    row("石碶街道 ", 6),
                    row("石碶街道", 7))
                .withCoder(AvroCoder.specific(RegionRecord.class)))
        .apply("FlagUnusedRegionRows", new FlagUnusedRegionRows(districts));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    List<String> warnings = new ArrayList<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(Warnings.NAMESPACE))
                    .build())
            .getCounters()) {
      warnings.add(c.getName().getName());
    }
    String tail =
        "' is neither ALL nor a district of enterprises.csv or investment.csv, so the row is not"
            + " used (the contract keeps such rows; if it means the whole region, write ALL)";
    assertEquals(
        List.of(
            "region.csv: line 4: district 'all" + tail,
            "region.csv: line 5: district '全区" + tail,
            "region.csv: line 6: district '石碶街道 " + tail),
        Warnings.ordered(warnings));
  }
}
