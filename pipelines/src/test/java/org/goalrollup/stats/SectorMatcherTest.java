package org.goalrollup.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.goalrollup.model.MatchType;
import org.goalrollup.model.SectorRule;
import org.junit.jupiter.api.Test;

/** Sector membership, and that a matcher survives serialization as Beam ships it to workers. */
class SectorMatcherTest {
  static SectorRule rule(String sector, MatchType type, String value) {
    return SectorRule.newBuilder()
        .setSectorId(sector)
        .setSectorName(sector)
        .setMatchType(type)
        .setMatchValue(value)
        .setLineNumber(2)
        .build();
  }

  @Test
  void matchesPrefixesAndEnterprisesWithAllFirst() {
    SectorMatcher m =
        new SectorMatcher(
            List.of(
                rule("PHARMA", MatchType.INDUSTRY_PREFIX, "27"),
                rule("HEALTH", MatchType.INDUSTRY_PREFIX, "2710"),
                rule("DIGITAL", MatchType.ENTERPRISE, "E1"),
                rule("AUTO", MatchType.ENTERPRISE, "E1")));
    assertThat(m.sectorsOf("2710", "E1"), contains("ALL", "AUTO", "DIGITAL", "HEALTH", "PHARMA"));
    assertThat(m.sectorsOf("2720", "E2"), contains("ALL", "PHARMA"));
    assertThat(m.sectorsOf("3600", null), contains("ALL"));
    assertThat(m.sectorIds(), contains("AUTO", "DIGITAL", "HEALTH", "PHARMA"));
  }

  @Test
  void aSerializedCopyMatchesExactlyAsTheOriginalAndStaysSmall() {
    List<SectorRule> rules = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      rules.add(rule("S" + (i % 7), MatchType.ENTERPRISE, "E" + (i * 13 % 3000)));
    }
    for (int i = 0; i < 50; i++) {
      rules.add(rule("P" + (i % 5), MatchType.INDUSTRY_PREFIX, String.valueOf(10 + i)));
    }
    SectorMatcher m = new SectorMatcher(rules);
    byte[] bytes = SerializableUtils.serializeToByteArray(m);
    SectorMatcher copy = (SectorMatcher) SerializableUtils.deserializeFromByteArray(bytes, "copy");
    for (int e = 0; e < 3100; e += 7) {
      for (String code : List.of("1000", "1234", "3599", "6", "")) {
        assertThat(copy.sectorsOf(code, "E" + e), equalTo(m.sectorsOf(code, "E" + e)));
      }
    }
    assertThat(copy.sectorIds(), equalTo(m.sectorIds()));
    // about 12 bytes per rule, not Java's default form of the maps
    assertThat(bytes.length, lessThan(4050 * 16 + 1000));
  }
}
