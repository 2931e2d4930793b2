package org.goalrollup.stats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.MatchType;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.SectorRule;

/** Small builders for in-memory records of the statistics tests. */
public final class Fixtures {
  private Fixtures() {}

  public static BigDecimal amt(String s) {
    return new BigDecimal(s).setScale(2);
  }

  /** An amount as a long of cents, e.g. "12.5" as 1250 (production amounts are held so). */
  public static long cents(String s) {
    return Amounts.cents(new BigDecimal(s));
  }

  public static Enterprise enterprise(String id, String district, String industry) {
    return Enterprise.newBuilder()
        .setEnterpriseId(id)
        .setName("name of " + id)
        .setDistrict(district)
        .setIndustryCode(industry)
        .setRdCenterLevel(RdCenterLevel.NONE)
        .setRevision(0)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }

  public static Production prod(
      String id, int year, int month, boolean above, String ov, String va, String rev, long emp) {
    return Production.newBuilder()
        .setEnterpriseId(id)
        .setYear(year)
        .setMonth(month)
        .setAboveScale(above)
        .setOutputValue(cents(ov))
        .setValueAdded(cents(va))
        .setRevenue(cents(rev))
        .setEmployees(emp)
        .setRevision(0)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }

  public static RdRecord rd(String id, int year, String exp, long people) {
    return RdRecord.newBuilder()
        .setEnterpriseId(id)
        .setYear(year)
        .setRdExpenditure(amt(exp))
        .setRdPersonnel(people)
        .setRevision(0)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }

  public static Milestone milestone(String kind, String enterpriseId, String date) {
    LocalDate d = LocalDate.parse(date);
    return Milestone.newBuilder()
        .setYear(d.getYear())
        .setKind(kind)
        .setEnterpriseId(enterpriseId)
        .setTitle(kind + " " + date)
        .setDate(d)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }

  public static EnterpriseFacts facts(
      Enterprise e, List<Production> p, List<RdRecord> rd, List<Milestone> m) {
    return EnterpriseFacts.newBuilder()
        .setEnterprise(e)
        .setProduction(new ArrayList<>(p))
        .setRd(new ArrayList<>(rd))
        .setMilestones(new ArrayList<>(m))
        .build();
  }

  public static Investment inv(
      String project,
      String enterpriseId,
      String district,
      String industry,
      int year,
      int month,
      InvestmentCategory category,
      boolean highTech,
      boolean techRenovation,
      String planned,
      String completed) {
    return Investment.newBuilder()
        .setProjectId(project)
        .setEnterpriseId(enterpriseId)
        .setDistrict(district)
        .setIndustryCode(industry)
        .setYear(year)
        .setMonth(month)
        .setCategory(category)
        .setHighTech(highTech)
        .setTechRenovation(techRenovation)
        .setPlannedTotal(amt(planned))
        .setCompleted(amt(completed))
        .setRevision(0)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }

  public static ProjectFacts project(String id, Investment... records) {
    return ProjectFacts.newBuilder().setProjectId(id).setRecords(List.of(records)).build();
  }

  public static SectorRule prefix(String sector, String prefix) {
    return SectorRule.newBuilder()
        .setSectorId(sector)
        .setSectorName(sector)
        .setMatchType(MatchType.INDUSTRY_PREFIX)
        .setMatchValue(prefix)
        .setLineNumber(2)
        .build();
  }

  public static SectorRule byEnterprise(String sector, String enterpriseId) {
    return SectorRule.newBuilder()
        .setSectorId(sector)
        .setSectorName(sector)
        .setMatchType(MatchType.ENTERPRISE)
        .setMatchValue(enterpriseId)
        .setLineNumber(2)
        .build();
  }

  public static RegionRecord region(
      String district, int year, String gdp, String index, String otherRd) {
    return RegionRecord.newBuilder()
        .setDistrict(district)
        .setYear(year)
        .setGdp(amt(gdp))
        .setVaPriceIndex(new BigDecimal(index == null ? "100" : index).setScale(6))
        .setOtherRdExpenditure(amt(otherRd))
        .setRevision(0)
        .setLineNumber(2)
        .setRaw("")
        .build();
  }
}
