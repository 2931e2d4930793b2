package org.goalrollup.review;

import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.ReviewFlag;

/**
 * Applies the verification edits to the resolved records: the {@link EnterpriseFacts} of each
 * enterprise and the {@link ProjectFacts} of each project go in (already grouped, so each is
 * checked on its own, element by element), one {@link ReviewFlag} per implausible record comes out.
 * Each flag is counted per rule and per severity in the {@value #NAMESPACE} metrics namespace.
 */
public final class ReviewRecords extends PTransform<PBegin, PCollection<ReviewFlag>> {
  /** Metrics namespace: {@code rule.<RULE_ID>} and {@code severity.<SEVERITY>} counters. */
  public static final String NAMESPACE = "review";

  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final ReviewRules rules;

  public ReviewRecords(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      ReviewRules rules) {
    this.enterprises = enterprises;
    this.projects = projects;
    this.rules = rules;
  }

  @Override
  public PCollection<ReviewFlag> expand(PBegin begin) {
    PCollection<ReviewFlag> ofEnterprises =
        enterprises.apply("ReviewEnterprises", ParDo.of(new ReviewEnterpriseFn(rules)));
    ofEnterprises.setCoder(AvroCoder.specific(ReviewFlag.class));
    PCollection<ReviewFlag> ofProjects =
        projects.apply("ReviewProjects", ParDo.of(new ReviewProjectFn(rules)));
    ofProjects.setCoder(AvroCoder.specific(ReviewFlag.class));
    return PCollectionList.of(ofEnterprises)
        .and(ofProjects)
        .apply("AllFlags", Flatten.pCollections())
        .setCoder(AvroCoder.specific(ReviewFlag.class));
  }

  static void emit(List<ReviewFlag> flags, DoFn.OutputReceiver<ReviewFlag> out) {
    for (ReviewFlag f : flags) {
      Metrics.counter(NAMESPACE, "rule." + f.getRuleId()).inc();
      Metrics.counter(NAMESPACE, "severity." + f.getSeverity()).inc();
      out.output(f);
    }
  }

  static final class ReviewEnterpriseFn extends DoFn<EnterpriseFacts, ReviewFlag> {
    private final ReviewRules rules;

    ReviewEnterpriseFn(ReviewRules rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, OutputReceiver<ReviewFlag> out) {
      emit(ReviewChecks.enterprise(facts, rules), out);
    }
  }

  static final class ReviewProjectFn extends DoFn<ProjectFacts, ReviewFlag> {
    private final ReviewRules rules;

    ReviewProjectFn(ReviewRules rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(@Element ProjectFacts facts, OutputReceiver<ReviewFlag> out) {
      emit(ReviewChecks.project(facts, rules), out);
    }
  }
}
