package org.goalrollup.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.disclosure.DisclosureRules;
import org.goalrollup.model.SectorRule;
import org.goalrollup.model.Target;
import org.goalrollup.review.ReviewRules;
import org.goalrollup.stats.Indicators;

/**
 * Checks made before the pipeline starts, so that a run that cannot succeed writes nothing: every
 * required file exists, every present file has its required columns, and sectors.csv and the
 * targets file are entirely valid, and so are disclosure.csv and the review rules file if the input
 * folder has them. Returns the parsed sectors, targets, disclosure and review rules.
 */
public final class Preflight {
  private Preflight() {}

  /**
   * What the checks found: the optional files present, the sector rules, the targets and the review
   * rules in force.
   */
  public record Checked(
      Set<InputFile> present,
      List<SectorRule> sectors,
      List<Target> targets,
      long targetRowsRead,
      String targetsFile,
      DisclosureRules disclosure,
      ReviewRules review,
      SourceFiles sources,
      List<String> warnings) {}

  public static Checked check(String inputDir, String targetsPath, String charset)
      throws InputException, IOException {
    SourceFiles.checkFolder(inputDir);
    SourceFiles sources = new SourceFiles();
    Set<InputFile> present = EnumSet.noneOf(InputFile.class);
    for (InputFile f : InputFile.values()) {
      if (f == InputFile.TARGETS) {
        continue;
      }
      ResourceId id = CsvFiles.resolve(inputDir, f);
      if (!sources.record(f.fileName(), id)) {
        if (f.required()) {
          throw new InputException(f.fileName() + ": required file not found in " + inputDir);
        }
        continue;
      }
      present.add(f);
      InvalidBytes.rejectUtf16(id, f.fileName(), charset);
      try (CsvReader r = CsvFiles.open(id, charset)) {
        CsvFiles.checkColumns(CsvFiles.readHeader(r, f), f);
        requireDataRow(r, f);
      } catch (CharacterCodingException e) {
        throw badCharset(id, f, charset);
      }
    }
    List<SectorRule> sectors =
        readStrict(
            CsvFiles.resolve(inputDir, InputFile.SECTORS),
            InputFile.SECTORS,
            charset,
            RowParsers::sector);
    ResourceId targetsId =
        targetsPath != null
            ? FileSystems.matchNewResource(targetsPath, false)
            : CsvFiles.resolve(inputDir, InputFile.TARGETS);
    List<Target> targets = List.of();
    long targetRows = 0;
    String targetsName = targetsPath != null ? targetsPath : InputFile.TARGETS.fileName();
    if (sources.record(targetsName, targetsId)) {
      present.add(InputFile.TARGETS);
      InvalidBytes.rejectUtf16(targetsId, targetsName, charset);
      List<Target> all = readStrict(targetsId, InputFile.TARGETS, charset, RowParsers::target);
      targetRows = all.size();
      targets = checkTargets(all, sectors);
    } else if (targetsPath != null) {
      throw new InputException(targetsPath + ": targets file given by --targets not found");
    }
    ResourceId disclosureId = sibling(inputDir, DisclosureRules.FILE);
    if (sources.record(DisclosureRules.FILE, disclosureId)) {
      InvalidBytes.rejectUtf16(disclosureId, DisclosureRules.FILE, charset);
    }
    DisclosureRules disclosure = DisclosureRules.read(inputDir, charset);
    ResourceId reviewId = sibling(inputDir, ReviewRules.FILE_NAME);
    if (sources.record(ReviewRules.FILE_NAME, reviewId)) {
      InvalidBytes.rejectUtf16(reviewId, ReviewRules.FILE_NAME, charset);
    }
    ReviewRules review = ReviewRules.load(reviewId, charset);
    List<String> warnings =
        new ArrayList<>(SourceFiles.nearMisses(inputDir, expectedNames(targetsPath)));
    warnings.addAll(
        MilestoneKinds.warnings(
            targets,
            present.contains(InputFile.MILESTONES)
                ? MilestoneKinds.in(CsvFiles.resolve(inputDir, InputFile.MILESTONES), charset)
                : null));
    return new Checked(
        present,
        sectors,
        targets,
        targetRows,
        targetsId.toString(),
        disclosure,
        review,
        sources,
        List.copyOf(warnings));
  }

  /**
   * A required file must have a data row after its header: a header alone (or with blank lines
   * only) is a file cut short or exported empty, and would publish an empty or wrong summary.
   */
  static void requireDataRow(CsvReader r, InputFile f) throws IOException, InputException {
    if (f.required() && r.next() == null) {
      throw new InputException(
          f.fileName()
              + ": no data rows after the header (only the header and blank lines); a required"
              + " input cannot be empty");
    }
  }

  /** A file of the input folder that is not a data file: disclosure.csv, review-rules.csv. */
  private static ResourceId sibling(String inputDir, String name) {
    return FileSystems.matchNewResource(inputDir, true)
        .resolve(
            name, org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  /** The names of the files the run reads from the input folder. */
  private static List<String> expectedNames(String targetsPath) {
    List<String> names = new ArrayList<>();
    for (InputFile f : InputFile.values()) {
      if (f != InputFile.TARGETS || targetsPath == null) {
        names.add(f.fileName());
      }
    }
    names.add(DisclosureRules.FILE);
    names.add(ReviewRules.FILE_NAME);
    return names;
  }

  private static InputException badCharset(ResourceId id, InputFile f, String charset) {
    return new InputException(InvalidBytes.describe(id, f.fileName(), charset));
  }

  /** Reads a file in which every row must be valid; the first bad row fails the run. */
  static <T> List<T> readStrict(ResourceId id, InputFile f, String charset, RowParser<T> parser)
      throws IOException, InputException {
    List<T> rows = new ArrayList<>();
    List<CsvFiles.RejectedRow> bad = new ArrayList<>();
    Header header;
    try (CsvReader r = CsvFiles.open(id, charset)) {
      header = CsvFiles.readHeader(r, f);
      CsvFiles.checkColumns(header, f);
      CsvFiles.parse(r, header, f, parser, rows::add, bad::add);
    } catch (CharacterCodingException e) {
      throw badCharset(id, f, charset);
    }
    if (!bad.isEmpty()) {
      CsvFiles.RejectedRow b = bad.get(0);
      String where = f.fileName() + ": line " + b.record().line();
      if (b.column() != null && header.has(b.column())) {
        where += ", column " + (header.indexOf(b.column()) + 1) + " (" + b.column() + ")";
      } else if (b.column() != null) {
        where += ", column " + b.column() + " (not in the header)";
      }
      throw new InputException(
          where + ": " + b.reason() + ": " + b.detail() + " - the file must be entirely valid");
    }
    return rows;
  }

  /**
   * Indicators must exist, sectors must be in sectors.csv. Per key (indicator, sector_id, district,
   * year) the highest revision is in force; two rows at that revision are a duplicate key and fail
   * the run. Returns the targets in force.
   */
  static List<Target> checkTargets(List<Target> targets, List<SectorRule> sectors)
      throws InputException {
    Set<String> sectorIds = new java.util.HashSet<>();
    sectors.forEach(s -> sectorIds.add(s.getSectorId()));
    Map<String, List<Target>> byKey = new java.util.LinkedHashMap<>();
    for (Target t : targets) {
      String where = InputFile.TARGETS.fileName() + ": line " + t.getLineNumber();
      if (!Indicators.isValid(t.getIndicator())) {
        throw new InputException(
            where
                + ", column indicator: '"
                + t.getIndicator()
                + "' is neither a numeric summary column nor milestones.KIND");
      }
      if (!"ALL".equals(t.getSectorId()) && !sectorIds.contains(t.getSectorId())) {
        throw new InputException(
            where + ", column sector_id: '" + t.getSectorId() + "' is not in sectors.csv");
      }
      String key =
          t.getIndicator() + "|" + t.getSectorId() + "|" + t.getDistrict() + "|" + t.getYear();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    Map<String, Target> top = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<Target>> e : byKey.entrySet()) {
      int max = e.getValue().stream().mapToInt(Target::getRevision).max().getAsInt();
      List<Target> atTop = e.getValue().stream().filter(t -> t.getRevision() == max).toList();
      if (atTop.size() > 1) {
        throw new InputException(
            InputFile.TARGETS.fileName()
                + ": line "
                + atTop.get(1).getLineNumber()
                + ": duplicate target (indicator, sector_id, district, year) of line "
                + atTop.get(0).getLineNumber()
                + " at revision "
                + max);
      }
      top.put(e.getKey(), atTop.get(0));
    }
    List<Target> inForce = new ArrayList<>(top.values());
    inForce.sort(java.util.Comparator.comparingLong(Target::getLineNumber));
    return inForce;
  }
}
