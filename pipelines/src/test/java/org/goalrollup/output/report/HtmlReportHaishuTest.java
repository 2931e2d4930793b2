package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.goalrollup.RollupPipeline;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the shipped sample, from a real run of the pipeline. The expected statuses are
 * those testdata/README.md works out by hand for the 2020 goals of targets.csv.
 */
class HtmlReportHaishuTest {
  @TempDir static Path shared;
  static Document doc;

  @BeforeAll
  static void runTheSampleAndWriteTheReport() throws Exception {
    Path sample = findSample();
    Path out = shared.resolve("out");
    int rc = RollupPipeline.run(new String[] {"--input=" + sample, "--output=" + out});
    assertThat("exit code of the sample run", rc, equalTo(0));
    // the run may already have written it; writing it here keeps this test about the report
    Path html = HtmlReport.write(out);
    doc = Jsoup.parse(Files.readString(html, StandardCharsets.UTF_8));
  }

  static Path findSample() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/haishu"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/haishu not found above the working directory");
    }
    return p.resolve("testdata/haishu");
  }

  @Test
  void listsEveryTargetOf2020WithItsStatus() {
    List<String> rows = new ArrayList<>();
    for (Element r : doc.select("tr.goal")) {
      rows.add(
          String.join(
              " ",
              r.attr("data-indicator"),
              r.attr("data-sector"),
              r.attr("data-district"),
              r.attr("data-status")));
    }
    assertThat(
        rows,
        containsInAnyOrder(
            "value_added_growth ALL ALL ENSURE_MET",
            "industrial_investment_growth ALL ALL STRIVE_MET",
            "rd_gdp_ratio ALL ALL ENSURE_MET",
            "high_tech_investment_growth ALL ALL ENSURE_MET",
            "high_tech_enterprise_count ALL ALL ENSURE_MET",
            "major_project_count ALL ALL ENSURE_MET",
            "milestones.SMART_FACTORY ALL ALL ENSURE_MET",
            "milestones.IIOT_5G_DEMO ALL ALL STRIVE_MET",
            "milestones.INDUSTRIAL_APP ALL ALL ENSURE_MET",
            "revenue MEDICAL_HEALTH ALL ENSURE_MET",
            "value_added_growth DIGITAL_ECONOMY ALL ENSURE_MET",
            "value_added_growth ALL 石碶街道 NOT_MET",
            "rd_gdp_ratio ALL 古林镇 NO_DATA"));
    // the badge says the same as the data attribute
    for (Element r : doc.select("tr.goal")) {
      String badge = r.selectFirst("td.status .badge").text();
      String expected = ReportModel.Status.valueOf(r.attr("data-status")).zh;
      assertThat(badge, equalTo(expected));
    }
  }

  @Test
  void countsTheStatusesAtTheTop() {
    assertThat(HtmlReportTest.tile(doc, "STRIVE_MET"), equalTo("2"));
    assertThat(HtmlReportTest.tile(doc, "ENSURE_MET"), equalTo("9"));
    assertThat(HtmlReportTest.tile(doc, "NOT_MET"), equalTo("1"));
    assertThat(HtmlReportTest.tile(doc, "NO_DATA"), equalTo("1"));
    // the 2021 goal has no data year and is said to be left out
    assertThat(
        doc.selectFirst("#overview").text(), containsString("1 target is for a year without data"));
  }

  @Test
  void namesIndicatorsSectorsAndFigures() {
    Element vaGrowth =
        doc.selectFirst("tr.goal[data-indicator=value_added_growth][data-district=石碶街道]");
    assertThat(vaGrowth.selectFirst("td.name").text(), containsString("规上工业增加值增速"));
    assertThat(
        vaGrowth.selectFirst("td.name").text(),
        containsString("above-scale industrial value-added growth"));
    assertThat(vaGrowth.selectFirst("td.actual").text(), equalTo("4.6%"));
    assertThat(vaGrowth.select("td").get(3).text(), equalTo("≥ 7%"));
    // sector names come from sectors.csv
    assertThat(doc.select("tr.group").eachText().toString(), containsString("医疗健康"));
    assertThat(doc.select("tr.group").eachText().toString(), containsString("数字经济"));
    Element revenue = doc.selectFirst("tr.goal[data-indicator=revenue]");
    assertThat(revenue.selectFirst("td.actual").text(), containsString("亿元"));
    assertThat(doc.selectFirst("#title").text(), equalTo("haishu 2020年目标完成情况"));
    assertThat(doc.selectFirst("#title-en").text(), not(containsString("year to date")));
  }

  @Test
  void showsDataQualityWithoutCopyingTheMicrodata() {
    List<String> groups = new ArrayList<>();
    for (Element g : doc.select("tr.reason")) {
      groups.add(g.attr("data-file") + " " + g.attr("data-reason"));
    }
    assertThat(
        groups,
        containsInAnyOrder(
            "enterprises.csv INVALID_DATE",
            "enterprises.csv OUT_OF_RANGE",
            "investment.csv INVALID_CODE",
            "production.csv CONFLICTING_DUPLICATE",
            "production.csv INVALID_CODE",
            "production.csv INVALID_NUMBER",
            "production.csv MALFORMED_ROW",
            "production.csv MISSING_FIELD",
            "production.csv OUT_OF_RANGE",
            "production.csv UNKNOWN_ENTERPRISE",
            "rd.csv OUT_OF_RANGE"));
    assertThat(doc.select("tr.example"), hasSize(14));
    assertThat(
        doc.select("tr.example td.raw").eachText().stream().map(String::length).toList(),
        everyItem(lessThanOrEqualTo(ReportModel.RAW_CHARS + 2)));
    Element production = doc.selectFirst("table.files tr[data-file=production.csv]");
    assertThat(
        production.select("td").eachText(),
        equalTo(List.of("production.csv", "7,067", "7,058", "9", "6", "1")));
  }

  /** The review flags: counts per rule and per enterprise, at most 5 of each and 5 examples. */
  @Test
  void showsTheReviewFlagsInBrief() {
    assertThat(doc.selectFirst("#review"), not(equalTo(null)));
    List<String> rules = new ArrayList<>();
    for (Element r : doc.select("table.review-rules tbody tr")) {
      rules.add(r.attr("data-rule") + " " + r.select("td.num").text());
    }
    // 12 rules fire on the sample (testdata/README.md): the 5 most frequent, ties by id
    assertThat(
        rules,
        equalTo(
            List.of(
                "MONTH_GAP 4",
                "INVESTMENT_OVER_PLAN 2",
                "VA_RATIO 2",
                "ABOVE_SCALE_LOW_REVENUE 1",
                "BELOW_SCALE_HIGH_REVENUE 1")));
    List<String> subjects = doc.select("table.review-subjects tbody tr td:first-child").eachText();
    assertThat(subjects, hasSize(5));
    assertThat(subjects.subList(0, 3), equalTo(List.of("E0100", "E0155", "E0172")));
    // examples: at most 5, QUERY first, then the note of how many more are in review/
    assertThat(doc.select("table.review-examples tr.flag"), hasSize(5));
    assertThat(
        doc.select("table.review-examples tr.flag td:nth-child(2)").eachText(),
        everyItem(containsString("QUERY")));
    assertThat(
        doc.selectFirst("table.review-examples").text(), containsString("12 more in review/"));
    assertThat(doc.selectFirst("#quality").text(), containsString("17 records flagged"));
  }

  @Test
  void explainsTheMethodWithTheIndicesUsed() {
    String method = doc.selectFirst("#method").text();
    assertThat(method, containsString("全区 101.3"));
    assertThat(method, containsString("石碶街道 101.5"));
    assertThat(method, containsString("高桥镇 100（未填，按 100）"));
    assertThat(method, containsString("other_rd_expenditure"));
    assertThat(method, containsString("= 2.12%"));
  }

  @Test
  void drawsAChartPerTargetAndPerSector() {
    assertThat(doc.select(".strip.target svg"), hasSize(13));
    assertThat(doc.select(".strip.target svg rect.bar"), hasSize(12));
    assertThat(doc.select("table.sectors tr[data-sector]"), hasSize(8));
  }
}
