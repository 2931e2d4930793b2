package org.goalrollup.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.goalrollup.model.MatchType;
import org.goalrollup.model.SectorRule;

/**
 * Sector membership from sectors.csv: INDUSTRY_PREFIX rules match industry codes that start with
 * the rule's value, ENTERPRISE rules match an enterprise id. Everyone is also in {@code ALL}.
 */
public final class SectorMatcher implements Serializable {
  public static final String ALL = "ALL";

  private final List<String> sectorIds;
  private final List<String[]> prefixes = new ArrayList<>();
  private final Map<String, List<String>> byEnterprise = new HashMap<>();

  public SectorMatcher(List<SectorRule> rules) {
    TreeSet<String> ids = new TreeSet<>();
    for (SectorRule r : rules) {
      ids.add(r.getSectorId());
      if (r.getMatchType() == MatchType.INDUSTRY_PREFIX) {
        prefixes.add(new String[] {r.getMatchValue(), r.getSectorId()});
      } else {
        byEnterprise
            .computeIfAbsent(r.getMatchValue(), k -> new ArrayList<>())
            .add(r.getSectorId());
      }
    }
    this.sectorIds = List.copyOf(ids);
  }

  /** Sector ids of sectors.csv, sorted, without ALL. */
  public List<String> sectorIds() {
    return sectorIds;
  }

  /**
   * Sectors of a record with this industry code, carried by this enterprise (may be null): ALL
   * first, then the matching sectors sorted, each once.
   */
  public List<String> sectorsOf(String industryCode, String enterpriseId) {
    TreeSet<String> s = new TreeSet<>();
    for (String[] p : prefixes) {
      if (industryCode.startsWith(p[0])) {
        s.add(p[1]);
      }
    }
    if (enterpriseId != null) {
      s.addAll(byEnterprise.getOrDefault(enterpriseId, List.of()));
    }
    List<String> out = new ArrayList<>(s.size() + 1);
    out.add(ALL);
    out.addAll(s);
    return out;
  }
}
