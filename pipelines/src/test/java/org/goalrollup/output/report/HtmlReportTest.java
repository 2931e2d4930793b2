package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of small output folders written by hand: escaping, titles, counts, limits. */
class HtmlReportTest {
  static final String EVIL = "<script>alert('x')</script> & \"q\"";

  @TempDir Path tmp;

  static Document render(Path dir) throws IOException {
    Path file = HtmlReport.write(dir);
    assertThat(file, equalTo(dir.resolve("report.html")));
    return Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static String tile(Document doc, String status) {
    return doc.selectFirst(".tile[data-status=" + status + "] .count").text();
  }

  @Test
  void escapesEveryValueFromTheInputs() throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in<put>"));
    Files.writeString(
        input.resolve("sectors.csv"),
        "sector_id,sector_name,match_type,match_value\n"
            + "EVIL,\"<img src=x onerror=alert(1)> 恶意 & co\",INDUSTRY_PREFIX,17\n");
    ReportFixture f = new ReportFixture();
    f.input = input.toString();
    f.summary(2020, "ALL", "ALL")
        .summary(2020, "EVIL", "ALL", "above_scale_value_added", new BigDecimal("12.5"))
        .summary(2020, "ALL", EVIL)
        .target("value_added_growth", "ALL", EVIL, "AT_LEAST", 6.0, null, 4.0, "NOT_MET")
        .target("revenue", "EVIL", "ALL", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET")
        .reject(
            "production.csv",
            7,
            "INVALID_NUMBER",
            "revenue: '</td><b>' is not a number",
            "E1,2020,1,<b>bold</b>,</table>");
    Path out = f.write(tmp.resolve("out"));

    String html = Files.readString(HtmlReport.write(out), StandardCharsets.UTF_8);
    Document doc = Jsoup.parse(html);

    assertThat("no script element at all", doc.select("script"), empty());
    assertThat(doc.select("img"), empty());
    assertThat(doc.select("table.quality b"), empty());
    assertThat(html, not(containsString("<script>alert")));
    assertThat(
        html,
        containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
    // the text reads as written in the inputs
    Element row = doc.selectFirst("tr.goal[data-indicator=value_added_growth]");
    assertThat(row.attr("data-district"), equalTo(EVIL));
    assertThat(row.selectFirst("td.district").text(), equalTo(EVIL));
    assertThat(doc.text(), containsString("<img src=x onerror=alert(1)> 恶意 & co"));
    assertThat(
        doc.selectFirst("table.quality td.raw").text(), equalTo("E1,2020,1,<b>bold</b>,</table>"));
    assertThat(doc.selectFirst("#region").text(), equalTo("in<put>"));
  }

  /** An actual that the published table withholds carries its SDMX status, C or D. */
  @Test
  void marksActualsThatThePublishedTableWithholds() throws IOException {
    ReportFixture f = new ReportFixture();
    f.target("revenue", "PHARMA", "ALL", "AT_LEAST", 100.0, null, 120.0, "ENSURE_MET")
        .target("revenue", "PHARMA", "A", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET")
        .target("rd_expenditure", "PHARMA", "B", "AT_LEAST", 1.0, null, 2.0, "ENSURE_MET")
        .target("high_tech_investment_growth", "ALL", "A", "AT_LEAST", 1.0, null, 2.0, "ENSURE_MET")
        .target("enterprise_count", "PHARMA", "A", "AT_LEAST", 1.0, null, 2.0, "ENSURE_MET")
        .published(2020, "PHARMA", "ALL", "F", "F", "F")
        .published(2020, "PHARMA", "A", "C", "F", "F")
        .published(2020, "PHARMA", "B", "D", "F", "D")
        .published(2020, "ALL", "A", "F", "C", "F");
    Document doc = render(f.write(tmp.resolve("out")));
    assertThat(doc.select("tr.goal[data-district=ALL] sup.conf"), hasSize(0));
    assertThat(
        doc.selectFirst("tr.goal[data-indicator=revenue][data-district=A] sup.conf").text(),
        equalTo("C"));
    assertThat(
        doc.selectFirst("tr.goal[data-indicator=rd_expenditure] sup.conf").text(), equalTo("D"));
    assertThat(
        doc.selectFirst("tr.goal[data-indicator=high_tech_investment_growth] sup.conf").text(),
        equalTo("C"));
    // counts of enterprises are never confidential
    assertThat(doc.select("tr.goal[data-indicator=enterprise_count] sup.conf"), hasSize(0));
    assertThat(doc.selectFirst("p.legend").text(), containsString("confidential in the published"));
  }

  @Test
  void countsStatusesInTheTiles() throws IOException {
    ReportFixture f = new ReportFixture();
    f.target("high_tech_enterprise_count", "ALL", "ALL", "ABOVE", 200.0, null, 212.0, "ENSURE_MET")
        .target(
            "industrial_investment_growth",
            "ALL",
            "ALL",
            "AT_LEAST",
            null,
            10.0,
            10.6,
            "STRIVE_MET")
        .target("milestones.IIOT_5G_DEMO", "ALL", "ALL", "AT_LEAST", 1.0, 2.0, 2.0, "STRIVE_MET")
        .target("value_added_growth", "ALL", "A", "AT_LEAST", 7.0, null, 4.6, "NOT_MET")
        .target("value_added_growth", "ALL", "B", "AT_LEAST", 7.0, null, 6.99, "NOT_MET")
        .target("rd_gdp_ratio", "ALL", "C", "AT_LEAST", 2.0, null, 1.0, "NOT_MET");
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(tile(doc, "STRIVE_MET"), equalTo("2"));
    assertThat(tile(doc, "ENSURE_MET"), equalTo("1"));
    assertThat(tile(doc, "NOT_MET"), equalTo("3"));
    assertThat(tile(doc, "NO_DATA"), equalTo("0"));
    assertThat(doc.selectFirst(".tile[data-status=NO_DATA]").hasClass("zero"), is(true));
    assertThat(doc.selectFirst(".headline").text(), containsString("6 项目标：3 项已达成"));
    assertThat(doc.select("ul.flags li"), hasSize(3));
    assertThat(doc.select("tr.goal"), hasSize(6));
    assertThat(doc.select(".strip.target svg"), hasSize(6));
    // a value that only just misses is written with enough decimals to show it
    assertThat(doc.selectFirst("tr.goal[data-district=B] td.actual").text(), equalTo("6.99%"));
    assertThat(
        doc.selectFirst("tr.goal[data-indicator=high_tech_enterprise_count] td.status").text(),
        containsString("达到确保目标"));
  }

  @Test
  void yearToDateRunSaysSoAndDrawsEachMonthAgainstTheAnnualTarget() throws IOException {
    ReportFixture f = new ReportFixture();
    f.asOf = "2020-06";
    f.periodEndMonth = 6;
    f.summary(2020, "ALL", "ALL")
        .target("revenue", "ALL", "ALL", "AT_LEAST", 1_100_000.0, null, 550_000.0, "NOT_MET")
        .target("major_project_count", "ALL", "ALL", "AT_LEAST", 50.0, null, 20.0, "NOT_MET")
        .target("value_added_growth", "ALL", "ALL", "AT_LEAST", 6.0, null, 6.2, "ENSURE_MET")
        .progress(
            "revenue", "ALL", "ALL", 100_000.0, 150_000.0, 250_000.0, 350_000.0, 450_000.0,
            550_000.0)
        .progress("major_project_count", "ALL", "ALL", 2.0, 4.0, 8.0, 12.0, 16.0, 20.0)
        .progress("value_added_growth", "ALL", "ALL", 1.0, -5.0, 0.0, 3.0, 5.0, 6.2);
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(doc.selectFirst("h1#title").text(), containsString("1–6月"));
    assertThat(doc.selectFirst("h1#title").text(), containsString("年初至今"));
    assertThat(doc.selectFirst("#title-en").text(), containsString("January–June, year to date"));
    assertThat(doc.title(), containsString("year to date"));
    // only the cumulative indicators are drawn month by month; growth rates do not add up
    List<String> progress = doc.select(".strip.progress .label").eachText();
    assertThat(progress, hasSize(2));
    assertThat(progress.get(0), containsString("营业收入"));
    assertThat(doc.selectFirst(".strip.progress b.reached").text(), equalTo("50%"));
    Element revenue = doc.selectFirst(".strip.progress svg.monthly");
    // one point per month of the period, on a line that starts at 0 in January
    assertThat(revenue.select("circle.month"), hasSize(6));
    String[] points = revenue.selectFirst("polyline.cumulative").attr("points").split(" ");
    assertThat(points.length, equalTo(7));
    double zeroY = Double.parseDouble(revenue.selectFirst("line.zero").attr("y1"));
    assertThat(Double.parseDouble(points[0].split(",")[1]), equalTo(zeroY));
    // 550,000 is half of the target: the June point lies halfway between 0 and the target level
    double june = Double.parseDouble(revenue.selectFirst("circle[data-month=6]").attr("cy"));
    double target = Double.parseDouble(revenue.selectFirst("line.level.ensure").attr("y1"));
    assertThat(Math.abs(june - (zeroY + target) / 2) < 0.2, is(true));
    // the pace line runs from 0 to the target in December
    assertThat(Double.parseDouble(revenue.selectFirst("line.pace").attr("y2")), equalTo(target));
    assertThat(revenue.select("text.tick:not(.future)"), hasSize(6));
    assertThat(doc.text(), containsString("time elapsed 50%"));
  }

  @Test
  void fullYearRunHasNoYearToDateParts() throws IOException {
    ReportFixture f = new ReportFixture();
    f.years = List.of(2019, 2020);
    f.summary(2020, "ALL", "ALL", "value_added_growth", 6.5)
        .target("revenue", "ALL", "ALL", "AT_LEAST", 1_100_000.0, null, 1_168_000.0, "ENSURE_MET");
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(doc.selectFirst("h1#title").text(), equalTo("sample 2020年目标完成情况"));
    assertThat(doc.selectFirst("#title-en").text(), containsString("January–December, full year"));
    assertThat(doc.title(), not(containsString("year to date")));
    assertThat(doc.select(".strip.progress"), empty());
    assertThat(doc.select("p.note"), empty());
    assertThat(doc.selectFirst("tr.goal td.actual").text(), equalTo("116.80 亿元"));
    assertThat(doc.selectFirst("tr.goal td:eq(5)").text(), equalTo("+6.80 亿元"));
    assertThat(doc.text(), containsString("另算年份 Also computed 2019"));
  }

  @Test
  void showsAtMostFiveExampleLinesPerFileAndReason() throws IOException {
    ReportFixture f = new ReportFixture();
    for (int i = 0; i < 8; i++) {
      f.reject("production.csv", 100 + i, "INVALID_NUMBER", "revenue: bad", "row " + i);
    }
    f.reject("production.csv", 3, "MISSING_FIELD", "employees: empty", "short row");
    Document doc = render(f.write(tmp.resolve("out")));

    Element invalid = doc.selectFirst("tr.reason[data-reason=INVALID_NUMBER]");
    assertThat(invalid.text(), containsString("8 行"));
    assertThat(doc.select("table.quality tr.example"), hasSize(6));
    assertThat(
        doc.select("table.quality td.raw").eachText(),
        equalTo(List.of("row 0", "row 1", "row 2", "row 3", "row 4", "short row")));
    assertThat(doc.text(), containsString("3 more not shown"));
    assertThat(doc.selectFirst("tr[data-file=production.csv]").text(), containsString("240"));
  }

  @Test
  void emptyRunStillGetsAReport() throws IOException {
    ReportFixture f = new ReportFixture();
    f.years = List.of();
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(doc.select("tr.goal"), empty());
    assertThat(doc.text(), containsString("No targets apply to this run"));
    assertThat(doc.text(), containsString("No row was rejected"));
  }

  @Test
  void isOneSelfContainedUtf8File() throws IOException {
    ReportFixture f = new ReportFixture();
    f.summary(2020, "ALL", "ALL")
        .target("value_added_growth", "ALL", "ALL", "AT_LEAST", 6.0, null, 6.5, "ENSURE_MET");
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(doc.selectFirst("meta[charset]").attr("charset").toLowerCase(), equalTo("utf-8"));
    assertThat(doc.select("link, script, iframe, img, object, embed"), empty());
    assertThat(doc.select("[src]"), empty());
    assertThat(doc.select("[href]"), empty());
    assertThat(doc.selectFirst("style").data(), not(containsString("url(")));
    assertThat(doc.selectFirst("style").data(), not(containsString("@import")));
  }

  @Test
  void templatesNeverPrintUnescaped() throws IOException {
    for (String name : List.of("report/report.mustache", "report/style.mustache")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
        String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(name, t, not(containsString("{{{")));
        assertThat(name, t, not(containsString("{{&")));
      }
    }
  }

  @Test
  void usesSectorNamesOnlyFromTheInputTheRunRead() throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(
        input.resolve("sectors.csv"),
        "sector_id,sector_name,match_type,match_value\nPHARMA,医药,INDUSTRY_PREFIX,27\n");
    ReportFixture f = new ReportFixture();
    f.input = input.toString();
    f.inputs.put("sectors.csv", new long[] {1, 1, 0, 0, 0});
    f.target("revenue", "PHARMA", "ALL", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET");
    Path out = f.write(tmp.resolve("out"));

    // the manifest records no sha256 for sectors.csv here, so the file is used
    assertThat(render(out).selectFirst("tr.group").text(), containsString("医药"));

    // a sectors.csv whose bytes differ from those the run read is not used
    String manifest = Files.readString(out.resolve(RunOutputs.MANIFEST));
    Files.writeString(
        out.resolve(RunOutputs.MANIFEST),
        manifest.replace(
            "\"file\" : \"sectors.csv\",", "\"file\" : \"sectors.csv\", \"sha256\" : \"00\","));
    Document doc = render(out);
    assertThat(doc.selectFirst("tr.group").text(), not(containsString("医药")));
    assertThat(doc.selectFirst("tr.group").text(), containsString("PHARMA"));
    assertThat(doc.text(), containsString("sectors.csv has changed since the run"));
  }

  /**
   * A later year with one month of data does not take the headline from the year the goals are for,
   * and the report says that it is year to date and why.
   */
  @Test
  void theHeadlineIsTheLatestYearWithTargetsAndAYearToDateYearIsSaid() throws IOException {
    ReportFixture f = new ReportFixture();
    f.years = List.of(2020, 2021);
    f.periods = new java.util.TreeMap<>();
    f.periods.put(2020, new Object[] {12, "2020: 1-12月, full year"});
    f.periods.put(
        2021, new Object[] {1, "2021: 1-1月, year to date; its production stops in January"});
    f.summary(2020, "ALL", "ALL");
    f.periodEndMonth = 1;
    f.summary(2021, "ALL", "ALL");
    f.periodEndMonth = 12;
    f.targetYear = 2020;
    f.target("revenue", "ALL", "ALL", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET");
    Document doc = render(f.write(tmp.resolve("out")));

    assertThat(
        doc.selectFirst("#title-en").text(),
        equalTo("Goal attainment, 2020, January–December, full year"));
    assertThat(doc.selectFirst("#period").text(), containsString("1–12月（全年）"));
    assertThat(doc.text(), containsString("另算年份 Also computed 2021（1月（年初至今））"));
    assertThat(
        doc.selectFirst("dd.ytd-note").text(),
        equalTo("2021: 1-1月, year to date; its production stops in January"));

    // without targets the latest computed year is the headline, with its own months
    ReportFixture none = new ReportFixture();
    none.years = f.years;
    none.periods = f.periods;
    none.summary(2020, "ALL", "ALL");
    none.periodEndMonth = 1;
    none.summary(2021, "ALL", "ALL");
    Document doc2 = render(none.write(tmp.resolve("out2")));
    assertThat(doc2.selectFirst("#title-en").text(), containsString("2021, January, year to date"));
  }

  /**
   * Values from the inputs are shown with at most a couple of hundred characters, the cut marked
   * with the full length: a reject's detail of a million characters (as a run before the cut wrote
   * it), a sector name of 60,000 characters (valid text), a district of 1,000, a review flag's
   * subject and observation. Before, report.html grew by the whole of each.
   */
  @Test
  void showsAtMostAFewHundredCharactersOfAnyInputValue() throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in"));
    String longName = "长".repeat(60_000);
    Files.writeString(
        input.resolve("sectors.csv"),
        "sector_id,sector_name,match_type,match_value\nLONG," + longName + ",INDUSTRY_PREFIX,27\n");
    String district = "D".repeat(1_000);
    ReportFixture f = new ReportFixture();
    f.input = input.toString();
    f.inputs.put("sectors.csv", new long[] {1, 1, 0, 0, 0});
    f.summary(2020, "ALL", "ALL")
        .summary(2020, "LONG", "ALL", "above_scale_value_added", new BigDecimal("12.5"))
        .target("revenue", "LONG", "ALL", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET")
        .target("revenue", "ALL", district, "AT_LEAST", 10.0, null, 8.0, "NOT_MET")
        .reject(
            "production.csv",
            2,
            "INVALID_NUMBER",
            "revenue: '" + "7".repeat(1_000_000) + "' is not a plain amount",
            "E0001,2019,1,true,1,1," + "7".repeat(70_000));
    Path out = f.write(tmp.resolve("out"));
    Path file = HtmlReport.write(out);
    Document doc = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));

    assertThat(
        doc.selectFirst("table.quality tr.example td:eq(1)").text(),
        equalTo("revenue: '" + "7".repeat(190) + "… (1000033 characters)"));
    assertThat(doc.selectFirst("table.quality td.raw").text().length(), equalTo(160 + 2));
    for (Element group : doc.select("tr.group")) {
      assertThat(group.text().length() < 300, is(true));
    }
    assertThat(doc.text(), containsString("长".repeat(200) + "… (60000 characters)"));
    assertThat(
        doc.selectFirst("tr.goal[data-status=NOT_MET] td.district").text(),
        equalTo("D".repeat(200) + "… (1000 characters)"));
    assertThat(
        "no text node of the page holds more than a few hundred characters of one value",
        doc.getAllElements().stream().allMatch(e -> e.ownText().length() < 600),
        is(true));
    assertThat(Files.size(file) < 60_000, is(true));

    RunOutputs.ReviewRow flag =
        new RunOutputs.ReviewRow(
            "VA_RATIO",
            "QUERY",
            "production.csv",
            9,
            "E".repeat(5_000),
            null,
            "va=" + "9".repeat(5_000),
            "增加值率异常",
            "value-added ratio");
    ReportModel.ReviewExample shown = ReportModel.review(List.of(flag)).examples().get(0);
    assertThat(shown.subject(), equalTo("E".repeat(200) + "… (5000 characters)"));
    assertThat(shown.observed(), equalTo("va=" + "9".repeat(197) + "… (5003 characters)"));
    assertThat(
        ReportModel.review(List.of(flag)).subjects().get(0).subject(),
        equalTo("E".repeat(200) + "… (5000 characters)"));
  }

  /**
   * Under the model's cuts, the template itself prints no value longer than 2,000 characters: an
   * indicator code nobody cut (it cannot be that long in a valid run) still cannot fill the page.
   */
  @Test
  void theTemplateCutsAnyValueThatEscapedTheModel() throws IOException {
    ReportFixture f = new ReportFixture();
    String code = "x".repeat(100_000);
    f.target(code, "ALL", "ALL", "AT_LEAST", 10.0, null, 12.0, "ENSURE_MET");
    Path file = HtmlReport.write(f.write(tmp.resolve("out")));
    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html, containsString("x".repeat(2000) + "… (100000 characters)"));
    assertThat(html, not(containsString("x".repeat(2001))));
  }
}
