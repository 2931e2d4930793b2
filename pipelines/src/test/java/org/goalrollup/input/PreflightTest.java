package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.goalrollup.model.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that fail the run before anything is written (contract sections 1, 2 and 4): missing
 * required files and columns, an invalid sectors.csv or targets file. Each failure message names
 * the file, the line and the column.
 */
class PreflightTest {
  @TempDir Path dir;

  static final String ENTERPRISES = "enterprise_id,name,district,industry_code\nE1,甲,海曙区,3411\n";
  static final String SECTORS =
      "sector_id,sector_name,match_type,match_value\n"
          + "EQUIPMENT,装备制造,INDUSTRY_PREFIX,34\n"
          + "KEY_FIRMS,重点企业,ENTERPRISE,E404\n";
  static final String PRODUCTION =
      "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees\n"
          + "E1,2020,1,Y,10,1,9,5\n";
  static final String TARGETS_HEADER =
      "indicator,sector_id,district,year,direction,ensure,strive\n";

  @BeforeEach
  void requiredFiles() throws IOException {
    write("enterprises.csv", ENTERPRISES);
    write("sectors.csv", SECTORS);
    write("production.csv", PRODUCTION);
  }

  void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  Preflight.Checked check() throws Exception {
    return Preflight.check(dir.toString(), null, "UTF-8");
  }

  /** Runs the check expecting it to fail, and returns the message shown to the user. */
  String failure() {
    InputException e = assertThrows(InputException.class, this::check);
    return e.getMessage();
  }

  static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "message should name '" + p + "': " + message);
    }
  }

  // ------------------------------------------------------------------ valid inputs

  @Test
  void validInputsPassAndReturnSectorsAndTargets() throws Exception {
    write(
        "targets.csv",
        TARGETS_HEADER
            + "value_added_growth,,,2020,AT_LEAST,6,\n"
            + "high_tech_enterprise_count,EQUIPMENT,海曙区,2020,ABOVE,200,\n");
    Preflight.Checked c = check();
    assertEquals(
        EnumSet.of(
            InputFile.ENTERPRISES, InputFile.SECTORS, InputFile.PRODUCTION, InputFile.TARGETS),
        c.present());
    assertEquals(
        List.of("EQUIPMENT", "KEY_FIRMS"),
        c.sectors().stream().map(s -> s.getSectorId()).collect(Collectors.toList()));
    assertEquals(2, c.targets().size());
    assertEquals("ALL", c.targets().get(0).getSectorId());
    assertEquals("ALL", c.targets().get(0).getDistrict());
  }

  @Test
  void reviewRulesComeFromTheJarUnlessTheInputFolderHasAFile() throws Exception {
    assertEquals("review-rules.csv (built-in)", check().review().source());
    write("review-rules.csv", "rule_id,severity\nMONTH_GAP,QUERY\n");
    assertEquals(
        org.goalrollup.review.ReviewRules.Severity.QUERY,
        check().review().severity(org.goalrollup.review.ReviewRule.MONTH_GAP));
  }

  @Test
  void badReviewRulesFailTheCheck() throws Exception {
    write("review-rules.csv", "rule_id,severity,parameters\nVA_RATIO,WARNING,max_ratio=big\n");
    assertMentions(failure(), "review-rules.csv", "line 2", "column 3 (parameters)", "max_ratio");
  }

  @Test
  void withoutTargetsFileThereAreNoTargets() throws Exception {
    Preflight.Checked c = check();
    assertTrue(c.targets().isEmpty());
    assertFalse(c.present().contains(InputFile.TARGETS));
  }

  @Test
  void extraFilesAreIgnored() throws Exception {
    write("notes.csv", "this,is\n\"not checked");
    write("readme.txt", "hello");
    assertTrue(check().targets().isEmpty());
  }

  @Test
  void badDataRowsOfOtherFilesDoNotFailThePreflight() throws Exception {
    // Only the header of production.csv / rd.csv is checked here; their bad rows are rejects.
    write("production.csv", PRODUCTION + "E1,2020,13,maybe,-1,x,y,z\n\"broken\n");
    write("rd.csv", "enterprise_id,year,rd_expenditure,rd_personnel\nE1,20x0,-1,-1\n");
    Preflight.Checked c = check();
    assertTrue(c.present().contains(InputFile.RD));
  }

  @Test
  void optionalFilesFoundAreListedAsPresent() throws Exception {
    write("region.csv", "district,year,gdp\nALL,2020,100\n");
    write("milestones.csv", "year,kind,title,date\n");
    Preflight.Checked c = check();
    assertTrue(c.present().contains(InputFile.REGION));
    assertTrue(c.present().contains(InputFile.MILESTONES));
    assertFalse(c.present().contains(InputFile.INVESTMENT));
  }

  // ------------------------------------------------------------------ missing files and columns

  @Test
  void missingProductionFile() throws IOException {
    Files.delete(dir.resolve("production.csv"));
    assertMentions(failure(), "production.csv");
  }

  @Test
  void missingSectorsFile() throws IOException {
    Files.delete(dir.resolve("sectors.csv"));
    assertMentions(failure(), "sectors.csv");
  }

  @Test
  void productionWithoutRevenueColumn() throws IOException {
    write(
        "production.csv",
        "enterprise_id,year,month,above_scale,output_value,value_added,employees\n"
            + "E1,2020,1,Y,10,1,5\n");
    assertMentions(failure(), "production.csv", "line 1", "revenue");
  }

  @Test
  void optionalFileWithoutARequiredColumn() throws IOException {
    write("rd.csv", "enterprise_id,year,rd_expenditure\nE1,2020,5\n");
    assertMentions(failure(), "rd.csv", "line 1", "rd_personnel");
  }

  @Test
  void emptyRequiredFile() throws IOException {
    write("enterprises.csv", "");
    assertMentions(failure(), "enterprises.csv", "line 1");
  }

  // ------------------------------------------------------------------ sectors.csv

  @Test
  void sectorsWithBadMatchTypeNamesFileLineAndColumn() throws IOException {
    // Columns in another order: match_type is column 4. Line 3 is blank, the bad row is line 4.
    write(
        "sectors.csv",
        "sector_name,sector_id,match_value,match_type\n"
            + "装备制造,EQUIPMENT,34,INDUSTRY_PREFIX\n"
            + "\n"
            + "食品,FOOD,13,PREFIX\n");
    String m = failure();
    assertMentions(m, "sectors.csv", "line 4", "column 4", "match_type", "PREFIX");
  }

  @Test
  void sectorIdAllIsReserved() throws IOException {
    write(
        "sectors.csv", "sector_id,sector_name,match_type,match_value\nALL,全部,INDUSTRY_PREFIX,13\n");
    assertMentions(failure(), "sectors.csv", "line 2", "column 1", "sector_id");
  }

  @Test
  void sectorsRowWithWrongFieldCount() throws IOException {
    write("sectors.csv", SECTORS + "FOOD,食品,INDUSTRY_PREFIX\n");
    assertMentions(failure(), "sectors.csv", "line 4");
  }

  @Test
  void sectorsRowWithBrokenQuoting() throws IOException {
    write("sectors.csv", SECTORS + "FOOD,\"食品\"x,INDUSTRY_PREFIX,13\n");
    assertMentions(failure(), "sectors.csv", "line 4");
  }

  /** A rule value with an invisible end fails the run with line, column and the character. */
  @Test
  void sectorRuleValueWithATrailingSpaceMakesSectorsMalformed() throws IOException {
    write("sectors.csv", SECTORS + "KEY_FIRMS,重点企业,ENTERPRISE,E1 \n");
    assertEquals(
        "sectors.csv: line 4, column 4 (match_value): INVALID_CODE: match_value: 'E1 ' ends with"
            + " U+0020 SPACE (invisible; codes are never trimmed) - the file must be entirely valid",
        failure());
  }

  // ------------------------------------------------------------------ targets

  /** Levels swapped for the direction make targets.csv invalid, naming line and column. */
  @Test
  void ensureAndStriveSwappedForTheDirection() throws IOException {
    write(
        "targets.csv",
        TARGETS_HEADER
            + "revenue,,,2020,AT_LEAST,2,3\n"
            + "value_added,,,2020,BELOW,100,100\n"
            + "value_added,EQUIPMENT,,2020,AT_MOST,100,120\n");
    assertEquals(
        "targets.csv: line 4, column 7 (strive): OUT_OF_RANGE: strive: '120' is above ensure"
            + " '100'; for AT_MOST the strive level must be at most the ensure level (ensure and"
            + " strive swapped?) - the file must be entirely valid",
        failure());
  }

  @Test
  void targetDistrictWithAnIdeographicSpace() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,,海曙区\u3000,2020,AT_LEAST,1,\n");
    assertMentions(
        failure(),
        "targets.csv: line 2, column 3 (district)",
        "ends with U+3000 IDEOGRAPHIC SPACE");
  }

  @Test
  void targetOfMilestoneKindIsValid() throws Exception {
    write("targets.csv", TARGETS_HEADER + "milestones.SMART_FACTORY,,,2020,AT_LEAST,2,3\n");
    List<Target> t = check().targets();
    assertEquals(1, t.size());
    assertEquals("milestones.SMART_FACTORY", t.get(0).getIndicator());
    assertEquals(2.0, t.get(0).getEnsure());
    assertEquals(3.0, t.get(0).getStrive());
  }

  @Test
  void targetOfMilestoneKindOutsideThePatternIsUnknown() throws IOException {
    write("targets.csv", TARGETS_HEADER + "milestones.smart_factory,,,2020,AT_LEAST,2,\n");
    assertMentions(failure(), "targets.csv", "line 2", "indicator", "milestones.smart_factory");
  }

  @Test
  void unknownIndicator() throws IOException {
    write(
        "targets.csv",
        TARGETS_HEADER + "revenue,,,2020,AT_LEAST,1,\n" + "gdp_growth,,,2020,AT_LEAST,6,\n");
    assertMentions(failure(), "targets.csv", "line 3", "indicator", "gdp_growth");
  }

  @Test
  void yearIsNotAnIndicator() throws IOException {
    write("targets.csv", TARGETS_HEADER + "year,,,2020,AT_LEAST,1,\n");
    assertMentions(failure(), "targets.csv", "line 2", "indicator");
  }

  @Test
  void unknownSector() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,FOOD,,2020,AT_LEAST,1,\n");
    assertMentions(failure(), "targets.csv", "line 2", "sector_id", "FOOD");
  }

  @Test
  void duplicateTargetKey() throws IOException {
    write(
        "targets.csv",
        TARGETS_HEADER
            + "revenue,EQUIPMENT,海曙区,2020,AT_LEAST,1,\n"
            + "revenue,EQUIPMENT,海曙区,2021,AT_LEAST,1,\n"
            + "revenue,EQUIPMENT,海曙区,2020,AT_MOST,9,\n");
    assertMentions(failure(), "targets.csv", "line 4");
  }

  @Test
  void higherTargetRevisionSupersedesTheLowerOne() throws Exception {
    String header = "indicator,year,direction,ensure,revision\n";
    write("targets.csv", header + "revenue,2020,AT_LEAST,1,0\nrevenue,2020,AT_LEAST,2,1\n");
    List<Target> t = check().targets();
    assertEquals(1, t.size());
    assertEquals(2.0, t.get(0).getEnsure());
    assertEquals(3L, t.get(0).getLineNumber());
  }

  @Test
  void higherTargetRevisionWinsWhicheverLineComesFirst() throws Exception {
    String header = "indicator,year,direction,ensure,revision\n";
    write("targets.csv", header + "revenue,2020,AT_LEAST,2,1\nrevenue,2020,AT_LEAST,1,\n");
    List<Target> t = check().targets();
    assertEquals(1, t.size());
    assertEquals(2.0, t.get(0).getEnsure());
    assertEquals(2L, t.get(0).getLineNumber());
  }

  @Test
  void twoTargetsAtTheTopRevisionAreADuplicateKey() throws IOException {
    String header = "indicator,year,direction,ensure,revision\n";
    write(
        "targets.csv",
        header
            + "revenue,2020,AT_LEAST,1,0\n"
            + "revenue,2020,AT_LEAST,2,1\n"
            + "revenue,2020,AT_LEAST,3,1\n");
    assertMentions(failure(), "targets.csv", "line 4");
  }

  /**
   * Two rows tie at revision 1 but a revision 2 row of the same key exists: the tie is superseded
   * (contract section 2, "only rows with the highest revision count"), so the key is not a
   * duplicate, whatever order the lines come in.
   */
  @Test
  void tieBelowTheTopRevisionIsNotADuplicate() throws Exception {
    String header = "indicator,year,direction,ensure,revision\n";
    write(
        "targets.csv",
        header
            + "revenue,2020,AT_LEAST,1,1\n"
            + "revenue,2020,AT_LEAST,2,1\n"
            + "revenue,2020,AT_LEAST,3,2\n");
    List<Target> t = check().targets();
    assertEquals(1, t.size());
    assertEquals(3.0, t.get(0).getEnsure());
    assertEquals(4L, t.get(0).getLineNumber());
  }

  @Test
  void emptySectorAndExplicitAllAreTheSameKey() throws IOException {
    write(
        "targets.csv",
        TARGETS_HEADER + "revenue,,,2020,AT_LEAST,1,\n" + "revenue,ALL,ALL,2020,AT_LEAST,2,\n");
    assertMentions(failure(), "targets.csv", "line 3");
  }

  @Test
  void neitherEnsureNorStrive() throws IOException {
    write(
        "targets.csv", TARGETS_HEADER + "revenue,,,2020,AT_LEAST,1,\nrevenue,,,2021,AT_LEAST,,\n");
    assertMentions(failure(), "targets.csv", "line 3", "ensure");
  }

  /**
   * ensure and strive are optional columns. When the file has neither column, the failure must
   * still name a real place; "column 0" does not exist.
   */
  @Test
  void neitherEnsureNorStriveColumnNamesARealColumn() throws IOException {
    write("targets.csv", "indicator,year,direction\nrevenue,2020,AT_LEAST\n");
    String m = failure();
    assertMentions(m, "targets.csv", "line 2");
    assertFalse(m.contains("column 0"), "message names a column that does not exist: " + m);
  }

  @Test
  void badDirection() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,,,2020,GREATER_THAN,1,\n");
    assertMentions(failure(), "targets.csv", "line 2", "column 5", "direction", "GREATER_THAN");
  }

  @Test
  void badTargetNumber() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,,,2020,AT_LEAST,6%,\n");
    assertMentions(failure(), "targets.csv", "line 2", "column 6", "ensure", "6%");
  }

  @Test
  void badTargetYear() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,,,二〇二〇,AT_LEAST,6,\n");
    assertMentions(failure(), "targets.csv", "line 2", "column 4", "year");
  }

  @Test
  void malformedTargetsRow() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,,,2020,AT_LEAST,6\n");
    assertMentions(failure(), "targets.csv", "line 2");
  }

  @Test
  void targetsWithoutARequiredColumn() throws IOException {
    write("targets.csv", "indicator,year,ensure\nrevenue,2020,6\n");
    assertMentions(failure(), "targets.csv", "line 1", "direction");
  }

  @Test
  void targetsOfAnUncomputedYearAreStillValidated() throws IOException {
    write("targets.csv", TARGETS_HEADER + "revenue,NOPE,,1999,AT_LEAST,6,\n");
    assertMentions(failure(), "targets.csv", "line 2", "NOPE");
  }

  // ------------------------------------------------------------------ --targets

  @Test
  void targetsPathThatDoesNotExist() {
    String missing = dir.resolve("elsewhere/goals.csv").toString();
    InputException e =
        assertThrows(InputException.class, () -> Preflight.check(dir.toString(), missing, "UTF-8"));
    assertMentions(e.getMessage(), missing);
  }

  @Test
  void targetsPathReplacesTheInputFoldersTargets(@TempDir Path other) throws Exception {
    // The folder's own targets.csv is invalid, but --targets points elsewhere.
    write("targets.csv", TARGETS_HEADER + "no_such_indicator,,,2020,AT_LEAST,1,\n");
    Path goals = other.resolve("goals-2020.csv");
    Files.writeString(goals, TARGETS_HEADER + "rd_gdp_ratio,,,2020,AT_LEAST,2.0,\n");
    Preflight.Checked c = Preflight.check(dir.toString(), goals.toString(), "UTF-8");
    assertEquals(1, c.targets().size());
    assertEquals("rd_gdp_ratio", c.targets().get(0).getIndicator());
    assertNull(c.targets().get(0).getStrive());
  }

  // ------------------------------------------------------------------ charsets

  @Test
  void gb18030FilesAreReadWithTheGivenCharset() throws Exception {
    Charset gb = Charset.forName("GB18030");
    Files.write(dir.resolve("sectors.csv"), SECTORS.getBytes(gb));
    Files.write(dir.resolve("enterprises.csv"), ENTERPRISES.getBytes(gb));
    Preflight.Checked c = Preflight.check(dir.toString(), null, "GB18030");
    assertEquals("装备制造", c.sectors().get(0).getSectorName());
  }

  @Test
  void bytesInvalidInTheCharsetFailWithTheFileName() throws IOException {
    Files.write(dir.resolve("sectors.csv"), SECTORS.getBytes(Charset.forName("GB18030")));
    assertMentions(failure(), "sectors.csv");
  }
}
