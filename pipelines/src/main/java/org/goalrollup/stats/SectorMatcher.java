package org.goalrollup.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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
  private transient List<String[]> prefixes = new ArrayList<>();
  private transient Map<String, List<String>> byEnterprise = new HashMap<>();

  public SectorMatcher(List<SectorRule> rules) {
    TreeSet<String> ids = new TreeSet<>();
    for (SectorRule r : rules) {
      ids.add(r.getSectorId());
      add(r.getMatchType() == MatchType.INDUSTRY_PREFIX, r.getMatchValue(), r.getSectorId());
    }
    this.sectorIds = List.copyOf(ids);
  }

  private void add(boolean prefix, String value, String sectorId) {
    if (prefix) {
      prefixes.add(new String[] {value, sectorId});
    } else {
      byEnterprise.computeIfAbsent(value, k -> new ArrayList<>()).add(sectorId);
    }
  }

  /**
   * The rules travel as plain strings (writeUTF), not as Java's default form of the maps. A matcher
   * is part of every DoFn that fans out to sectors, and Beam's direct runner serializes a ParDo's
   * DoFn again for every bundle it evaluates; with a national sectors.csv (thousands of ENTERPRISE
   * rules) the default form was a visible share of the run (JFR: HashMap.writeObject/readObject).
   */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeInt(prefixes.size());
    for (String[] p : prefixes) {
      out.writeUTF(p[0]);
      out.writeUTF(p[1]);
    }
    out.writeInt(byEnterprise.values().stream().mapToInt(List::size).sum());
    for (Map.Entry<String, List<String>> e : byEnterprise.entrySet()) {
      for (String sector : e.getValue()) {
        out.writeUTF(e.getKey());
        out.writeUTF(sector);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    prefixes = new ArrayList<>();
    byEnterprise = new HashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      add(true, in.readUTF(), in.readUTF());
    }
    for (int i = in.readInt(); i > 0; i--) {
      add(false, in.readUTF(), in.readUTF());
    }
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
