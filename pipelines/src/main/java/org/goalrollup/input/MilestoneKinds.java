package org.goalrollup.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.model.Target;
import org.goalrollup.stats.Indicators;

/**
 * Targets on {@code milestones.KIND} whose kind milestones.csv never mentions. The contract counts
 * such a kind as 0, so the target stays valid; but a typo (SMARTFACTORY for SMART_FACTORY) would
 * then silently report NOT_MET, so each such kind is a warning.
 */
public final class MilestoneKinds {
  private MilestoneKinds() {}

  /**
   * Every value of the kind column of milestones.csv, of any record with the header's field count,
   * valid or not (validation comes later, in the pipeline). The file is small: a row per
   * achievement.
   */
  public static Set<String> in(ResourceId id, String charset) throws IOException, InputException {
    Set<String> kinds = new TreeSet<>();
    try (CsvReader r = CsvFiles.open(id, charset)) {
      Header h = CsvFiles.readHeader(r, InputFile.MILESTONES);
      int k = h.indexOf("kind");
      if (k < 0) {
        return kinds;
      }
      CsvRecord rec;
      while ((rec = r.next()) != null) {
        if (!rec.isMalformed() && rec.fields().size() == h.size()) {
          kinds.add(rec.fields().get(k));
        }
      }
    } catch (CharacterCodingException e) {
      throw new InputException(InvalidBytes.describe(id, InputFile.MILESTONES.fileName(), charset));
    }
    return kinds;
  }

  /**
   * One warning per milestone kind that targets name and {@code kinds} does not hold (null: no
   * milestones.csv), naming the targets' lines.
   */
  public static List<String> warnings(List<Target> targets, Set<String> kinds) {
    Map<String, List<Long>> missing = new LinkedHashMap<>();
    for (Target t : targets) {
      String kind = Indicators.milestoneKind(t.getIndicator());
      if (kind != null && (kinds == null || !kinds.contains(kind))) {
        missing.computeIfAbsent(kind, x -> new ArrayList<>()).add(t.getLineNumber());
      }
    }
    List<String> out = new ArrayList<>();
    missing.forEach(
        (kind, lines) ->
            out.add(
                InputFile.TARGETS.fileName()
                    + ": line"
                    + (lines.size() > 1 ? "s " : " ")
                    + lines.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).get()
                    + ": milestones."
                    + kind
                    + ": "
                    + (kinds == null
                        ? "there is no milestones.csv, so the target counts 0"
                        : "no row of milestones.csv has the kind "
                            + kind
                            + ", so the target counts 0 (a typo? kinds in milestones.csv: "
                            + listed(kinds)
                            + ")")));
    return out;
  }

  /** At most {@link #LISTED} kinds, for the message. */
  private static String listed(Set<String> kinds) {
    if (kinds.isEmpty()) {
      return "none";
    }
    List<String> some = kinds.stream().sorted().limit(LISTED).toList();
    return String.join(", ", some) + (kinds.size() > LISTED ? ", ..." : "");
  }

  private static final int LISTED = 10;
}
