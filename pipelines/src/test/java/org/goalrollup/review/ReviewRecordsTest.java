package org.goalrollup.review;

import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.TestPipelineExtension;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.ReviewFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The review step as a graph: enterprises and projects in, one flag per implausible record out,
 * with plausible records mixed in (they give nothing). The direct runner's immutability check
 * proves the step does not change its input records.
 */
@ExtendWith(TestPipelineExtension.class)
class ReviewRecordsTest {
  final TestPipeline p = TestPipeline.create();

  @Test
  void flagsEnterprisesAndProjects() throws Exception {
    EnterpriseFacts clean =
        ReviewChecksTest.facts(
            List.of(
                ReviewChecksTest.ok(2, 2020, 2, "100"), ReviewChecksTest.ok(3, 2020, 1, "100")));
    EnterpriseFacts bad =
        ReviewChecksTest.facts(
            List.of(
                ReviewChecksTest.prod(4, 2020, 1, false, "10", "11", "10", 0),
                ReviewChecksTest.ok(5, 2020, 3, "100")));
    ProjectFacts project =
        ProjectFacts.newBuilder()
            .setProjectId("P1")
            .setRecords(
                List.of(
                    ReviewChecksTest.inv(7, 2020, 1, "100", "60"),
                    ReviewChecksTest.inv(8, 2020, 2, "100", "41")))
            .build();
    PCollection<EnterpriseFacts> enterprises =
        p.apply(
            "Enterprises",
            Create.of(clean, bad).withCoder(AvroCoder.specific(EnterpriseFacts.class)));
    PCollection<ProjectFacts> projects =
        p.apply("Projects", Create.of(project).withCoder(AvroCoder.specific(ProjectFacts.class)));
    PCollection<ReviewFlag> flags =
        p.apply("ReviewRecords", new ReviewRecords(enterprises, projects, ReviewRules.defaults()));
    PAssert.that(
            flags.apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (ReviewFlag f) ->
                            f.getRuleId()
                                + " "
                                + f.getSeverity()
                                + " "
                                + f.getSourceFile()
                                + ":"
                                + f.getLineNumber())))
        .containsInAnyOrder(
            "VA_ABOVE_OUTPUT QUERY production.csv:4",
            "REVENUE_WITHOUT_EMPLOYEES QUERY production.csv:4",
            "MONTH_GAP WARNING production.csv:5",
            "INVESTMENT_OVER_PLAN QUERY investment.csv:8");
    p.run().waitUntilFinish();
  }
}
