package org.goalrollup;

import java.util.Comparator;
import org.goalrollup.model.Attainment;
import org.goalrollup.model.MonthlyProgress;
import org.goalrollup.model.Published;
import org.goalrollup.model.Reject;
import org.goalrollup.model.ReviewFlag;
import org.goalrollup.model.Summary;

/** The fixed row order of each output table: ALL first, then names in order. */
final class TableOrder {
  private TableOrder() {}

  static int allFirst(String a, String b) {
    boolean aAll = "ALL".equals(a);
    boolean bAll = "ALL".equals(b);
    if (aAll != bAll) {
      return aAll ? -1 : 1;
    }
    return a.compareTo(b);
  }

  static int summary(Summary a, Summary b) {
    int c = Integer.compare(a.getYear(), b.getYear());
    if (c == 0) {
      c = allFirst(a.getSectorId(), b.getSectorId());
    }
    return c != 0 ? c : allFirst(a.getDistrict(), b.getDistrict());
  }

  static int published(Published a, Published b) {
    int c = Integer.compare(a.getYear(), b.getYear());
    if (c == 0) {
      c = allFirst(a.getSectorId(), b.getSectorId());
    }
    return c != 0 ? c : allFirst(a.getDistrict(), b.getDistrict());
  }

  static int attainment(Attainment a, Attainment b) {
    return Comparator.comparingInt(Attainment::getYear)
        .thenComparing(Attainment::getSectorId, TableOrder::allFirst)
        .thenComparing(Attainment::getDistrict, TableOrder::allFirst)
        .thenComparing(Attainment::getIndicator)
        .compare(a, b);
  }

  static int progress(MonthlyProgress a, MonthlyProgress b) {
    return Comparator.comparingInt(MonthlyProgress::getYear)
        .thenComparing(MonthlyProgress::getSectorId, TableOrder::allFirst)
        .thenComparing(MonthlyProgress::getDistrict, TableOrder::allFirst)
        .thenComparing(MonthlyProgress::getIndicator)
        .thenComparingInt(MonthlyProgress::getMonth)
        .compare(a, b);
  }

  static int reject(Reject a, Reject b) {
    return Comparator.comparing(Reject::getSourceFile)
        .thenComparingLong(Reject::getLineNumber)
        .thenComparing(Reject::getReason)
        .compare(a, b);
  }

  static int review(ReviewFlag a, ReviewFlag b) {
    return Comparator.comparing(ReviewFlag::getSourceFile)
        .thenComparingLong(ReviewFlag::getLineNumber)
        .thenComparing(ReviewFlag::getRuleId)
        .thenComparing(f -> f.getProjectId() == null ? "" : f.getProjectId())
        .compare(a, b);
  }
}
