package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.goalrollup.model.Direction;
import org.goalrollup.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target on a milestone kind that milestones.csv never mentions stays valid (it counts 0) but is
 * named in a warning; kinds that appear, even only in rows the pipeline will reject, are not.
 */
class MilestoneKindsTest {
  @TempDir Path dir;

  static Target target(String indicator, long line) {
    return Target.newBuilder()
        .setIndicator(indicator)
        .setSectorId("ALL")
        .setDistrict("ALL")
        .setYear(2020)
        .setDirection(Direction.AT_LEAST)
        .setEnsure(2.0)
        .setStrive(null)
        .setLineNumber(line)
        .build();
  }

  @Test
  void theKindsOfTheFileAreEveryKindValueOfAWholeRecord() throws Exception {
    Files.writeString(
        dir.resolve("milestones.csv"),
        "year,kind,enterprise_id,title,date\n"
            + "2020,SMART_FACTORY,E1,甲,2020-03-01\n"
            + "2020,DIGITAL_WORKSHOP,E1,乙,not a date\n"
            + "2020,TOO,FEW\n",
        StandardCharsets.UTF_8);
    assertEquals(
        Set.of("SMART_FACTORY", "DIGITAL_WORKSHOP"),
        MilestoneKinds.in(
            FileSystems.matchNewResource(dir.resolve("milestones.csv").toString(), false),
            "UTF-8"));
  }

  @Test
  void aTargetOnAKindNoRowHasIsWarnedAboutOnceWithItsLines() {
    List<Target> targets =
        List.of(
            target("milestones.SMARTFACTORY", 8),
            target("revenue", 9),
            target("milestones.SMART_FACTORY", 10),
            target("milestones.SMARTFACTORY", 12));
    assertEquals(
        List.of(
            "targets.csv: lines 8, 12: milestones.SMARTFACTORY: no row of milestones.csv has the"
                + " kind SMARTFACTORY, so the target counts 0 (a typo? kinds in milestones.csv:"
                + " DIGITAL_WORKSHOP, SMART_FACTORY)"),
        MilestoneKinds.warnings(targets, Set.of("SMART_FACTORY", "DIGITAL_WORKSHOP")));
  }

  @Test
  void withoutMilestonesCsvEveryMilestoneTargetIsWarnedAbout() {
    assertEquals(
        List.of(
            "targets.csv: line 3: milestones.INDUSTRIAL_APP: there is no milestones.csv, so the"
                + " target counts 0"),
        MilestoneKinds.warnings(List.of(target("milestones.INDUSTRIAL_APP", 3)), null));
  }
}
