package org.goalrollup.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
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
 *
 * <p>The rules are kept as one byte array and indexed on first use. A matcher is part of every DoFn
 * that fans out to sectors, and Beam's direct runner serializes and deserializes a ParDo's DoFn
 * again for every bundle it evaluates, only to inspect it; with a national sectors.csv (thousands
 * of ENTERPRISE rules) Java's default form of the index maps was 3-5% of the run's CPU (JFR:
 * HashMap.writeObject and readObject). A byte array is copied, and the copies that are only
 * inspected are never indexed.
 */
public final class SectorMatcher implements Serializable {
  public static final String ALL = "ALL";

  private final List<String> sectorIds;

  /** The rules: a count, then (is prefix, match value, sector id) per rule. */
  private final byte[] rules;

  private transient volatile Index index;

  public SectorMatcher(List<SectorRule> rules) {
    TreeSet<String> ids = new TreeSet<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(rules.size());
      for (SectorRule r : rules) {
        ids.add(r.getSectorId());
        out.writeBoolean(r.getMatchType() == MatchType.INDUSTRY_PREFIX);
        out.writeUTF(r.getMatchValue());
        out.writeUTF(r.getSectorId());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sectorIds = List.copyOf(ids);
    this.rules = bytes.toByteArray();
  }

  /** The rules indexed for matching. */
  private static final class Index {
    final List<String[]> prefixes = new ArrayList<>();
    final Map<String, List<String>> byEnterprise = new HashMap<>();

    Index(byte[] rules) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(rules))) {
        for (int n = in.readInt(); n > 0; n--) {
          boolean prefix = in.readBoolean();
          String value = in.readUTF();
          String sector = in.readUTF();
          if (prefix) {
            prefixes.add(new String[] {value, sector});
          } else {
            byEnterprise.computeIfAbsent(value, k -> new ArrayList<>()).add(sector);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Index index() {
    Index i = index;
    if (i == null) {
      i = new Index(rules); // two threads may both build it: equal indexes, either one is kept
      index = i;
    }
    return i;
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
    Index ix = index();
    TreeSet<String> s = new TreeSet<>();
    for (String[] p : ix.prefixes) {
      if (industryCode.startsWith(p[0])) {
        s.add(p[1]);
      }
    }
    if (enterpriseId != null) {
      s.addAll(ix.byEnterprise.getOrDefault(enterpriseId, List.of()));
    }
    List<String> out = new ArrayList<>(s.size() + 1);
    out.add(ALL);
    out.addAll(s);
    return out;
  }
}
