package org.goalrollup.output.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.goalrollup.input.InputText;
import org.goalrollup.output.report.Charts.CellBar;
import org.goalrollup.output.report.Charts.MonthlyChart;
import org.goalrollup.output.report.Charts.Scale;
import org.goalrollup.output.report.Charts.TargetBar;
import org.goalrollup.output.report.Formats.Style;
import org.goalrollup.output.report.IndicatorNames.Name;
import org.goalrollup.output.report.RunOutputs.AttainmentRow;
import org.goalrollup.output.report.RunOutputs.InputCount;
import org.goalrollup.output.report.RunOutputs.Manifest;
import org.goalrollup.output.report.RunOutputs.ProgressRow;
import org.goalrollup.output.report.RunOutputs.RejectRow;
import org.goalrollup.output.report.RunOutputs.SummaryRow;

/**
 * Turns a run's outputs into what the report template shows: every text and number already written
 * out, every chart already laid out. The template only places them; it escapes every value it
 * prints.
 */
final class ReportModel {
  /** At most this many example lines per file and reject reason, and review flags in all. */
  static final int EXAMPLES = 5;

  /** At most this many rules and enterprises in the review's top lists. */
  static final int TOP = 5;

  /** An example line is cut after this many characters. */
  static final int RAW_CHARS = 160;

  /**
   * Any other value from the inputs (a reject's detail, a sector name, a district, a review flag's
   * subject and observation) is shown with at most this many characters, the cut marked.
   */
  static final int VALUE_CHARS = 200;

  /** At most this many warnings are shown (the manifest has all), each cut after so many chars. */
  static final int WARNINGS = 20;

  static final int WARNING_CHARS = 400;

  static final String ALL = "ALL";

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final String[] MONTHS_EN = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  private ReportModel() {}

  // ---------------------------------------------------------------- the view (template scope)

  record View(
      Header header,
      Overview overview,
      List<GoalGroup> goalGroups,
      boolean hasGoals,
      boolean hasConfidentialGoals,
      ChartSection charts,
      Quality quality,
      Method method) {}

  record Header(
      String titleZh,
      String titleEn,
      String region,
      String periodZh,
      String periodEn,
      String otherYears,
      List<String> ytdNotes,
      String runTime,
      String version,
      String runner,
      List<FileRows> inputs) {}

  record FileRows(String file, String rows) {}

  record Overview(
      List<Tile> tiles,
      String headlineZh,
      String headlineEn,
      List<Flag> exceptions,
      boolean hasExceptions,
      boolean ytd,
      String ytdMonths,
      String skipped) {}

  record Tile(String status, String css, String count, String zh, String en, boolean zero) {}

  record Flag(String text, String badgeZh, String css) {}

  record GoalGroup(String titleZh, String titleEn, List<GoalRow> rows) {}

  record GoalRow(
      String year,
      String indicator,
      String nameZh,
      String nameEn,
      String sector,
      String district,
      String districtLabel,
      String actual,
      boolean confidential,
      String conf,
      String ensure,
      String strive,
      String gap,
      String status,
      String css,
      String badgeZh,
      String badgeEn) {}

  record ChartSection(
      List<TargetStrip> targets, boolean hasTargets, SectorChart sectors, Progress progress) {}

  record TargetStrip(String nameZh, String where, String css, TargetBar bar) {}

  record SectorChart(
      boolean present,
      String year,
      String periodZh,
      String wholeVa,
      String wholeGrowth,
      String wholeNominal,
      List<SectorLine> rows) {}

  record SectorLine(
      String name,
      String id,
      String va,
      CellBar vaBar,
      String growth,
      String nominal,
      CellBar growthBar) {}

  record Progress(
      boolean ytd,
      boolean present,
      String periodZh,
      String periodEn,
      String elapsed,
      List<ProgressLine> rows) {}

  record ProgressLine(
      String nameZh,
      String where,
      String reached,
      String actual,
      String target,
      String pace,
      MonthlyChart chart) {}

  record Quality(
      String totalZh,
      String totalEn,
      List<FileQuality> files,
      List<RejectGroup> groups,
      boolean hasRejects,
      Review review,
      Warnings warnings) {}

  /** The run's warnings from the manifest: at most {@link #WARNINGS}, each cut to a few lines. */
  record Warnings(List<String> lines, String more) {}

  /**
   * The data review: totals, the most frequent rules and the enterprises or projects with most
   * flags (at most {@link #TOP} each), and at most {@link #EXAMPLES} example flags.
   */
  record Review(
      String totalZh,
      String totalEn,
      boolean hasFlags,
      List<ReviewRuleCount> rules,
      List<ReviewSubject> subjects,
      List<ReviewExample> examples,
      String more) {}

  record ReviewRuleCount(
      String ruleId, String severity, String count, String messageZh, String messageEn) {}

  record ReviewSubject(String subject, String count, String rules) {}

  record ReviewExample(
      String ruleId, String severity, String where, String subject, String observed) {}

  record FileQuality(
      String file,
      String read,
      String accepted,
      String rejected,
      String superseded,
      String collapsed) {}

  record RejectGroup(
      String file,
      String reason,
      String reasonZh,
      String count,
      List<Example> examples,
      String more) {}

  record Example(String line, String detail, String raw) {}

  record Method(
      String priceIndexZh,
      String priceIndexEn,
      String rdZh,
      String rdEn,
      String majorZh,
      String majorEn,
      List<String> notes) {}

  // ---------------------------------------------------------------- building it

  static View build(RunOutputs out, InputContext ctx) {
    Manifest m = out.manifest();
    Integer year = reportYear(out);
    int month = endMonth(out, year);
    boolean ytd = m.asOf() != null || month < 12;
    Header header = header(m, year, month, ytd);
    List<GoalGroup> groups = goalGroups(out.attainment(), ctx, m, out.confidential());
    return new View(
        header,
        overview(out, ctx, m, ytd, month),
        groups,
        !groups.isEmpty(),
        groups.stream().flatMap(g -> g.rows().stream()).anyMatch(GoalRow::confidential),
        new ChartSection(
            targetStrips(out.attainment(), ctx, m),
            !out.attainment().isEmpty(),
            sectorChart(out.summary(), ctx, year, month),
            progress(out.attainment(), out.progress(), ctx, month, ytd)),
        quality(out, m),
        method(out, ctx, m, year, month));
  }

  /**
   * The year the report is about: the latest year that has targets (attainment rows), else the
   * latest computed year, or null if none was computed. (A later year with a month or two of data
   * does not push the year the goals are set for out of the headline.)
   */
  static Integer reportYear(RunOutputs out) {
    TreeSet<Integer> withTargets = new TreeSet<>();
    out.attainment().forEach(a -> withTargets.add(a.year()));
    if (!withTargets.isEmpty()) {
      return withTargets.last();
    }
    TreeSet<Integer> years = new TreeSet<>(out.manifest().computedYears());
    out.summary().forEach(s -> years.add(s.year()));
    return years.isEmpty() ? null : years.last();
  }

  /**
   * M of {@code year}: from the manifest's periods, else from the year's summary rows, else the
   * manifest's one period_end_month.
   */
  static int endMonth(RunOutputs out, Integer year) {
    Manifest m = out.manifest();
    if (year != null) {
      RunOutputs.YearPeriod p = m.period(year);
      if (p != null) {
        return p.endMonth();
      }
      for (SummaryRow s : out.summary()) {
        if (s.year() == year) {
          return s.periodEndMonth();
        }
      }
    }
    return m.periodEndMonth();
  }

  /**
   * The sentences of the years computed year to date because their own data stops early (a run
   * without {@code --year}/{@code --asOf}), e.g. "2021: 1-1月, year to date; its production stops in
   * January".
   */
  static List<String> ytdNotes(Manifest m) {
    List<String> notes = new ArrayList<>();
    if (m.asOf() == null && m.year() == null) {
      for (RunOutputs.YearPeriod p : m.periods()) {
        if (p.yearToDate()) {
          notes.add(
              p.note() != null ? p.note() : p.year() + ": 1-" + p.endMonth() + "月, year to date");
        }
      }
    }
    return notes;
  }

  /** The region's name: the last segment of the input folder. */
  static String regionName(String input) {
    if (input == null) {
      return "";
    }
    String s = input.replace('\\', '/');
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  static String periodZh(int month, boolean ytd) {
    String months = month == 1 ? "1月" : "1–" + month + "月";
    return months + (month == 12 && !ytd ? "（全年）" : "（年初至今）");
  }

  static String periodEn(int month, boolean ytd) {
    String months = month == 1 ? "January" : "January–" + MONTHS_EN[month - 1];
    return months + (month == 12 && !ytd ? ", full year" : ", year to date");
  }

  private static Header header(Manifest m, Integer year, int month, boolean ytd) {
    String region = regionName(m.input());
    String y = year == null ? "" : year + "年";
    String titleZh =
        (region.isEmpty() ? "" : region + " ")
            + y
            + (ytd ? month == 1 ? "1月" : "1–" + month + "月" : "")
            + (ytd ? "目标进度（年初至今）" : "目标完成情况");
    String titleEn =
        (ytd ? "Goal progress, " : "Goal attainment, ")
            + (year == null ? "" : year + ", ")
            + periodEn(month, ytd);
    List<Integer> others = new ArrayList<>(m.computedYears());
    others.remove(year);
    String otherYears =
        others.isEmpty()
            ? ""
            : others.stream()
                .map(
                    other -> {
                      RunOutputs.YearPeriod p = m.period(other);
                      return p != null && p.yearToDate()
                          ? other + "（" + periodZh(p.endMonth(), true) + "）"
                          : String.valueOf(other);
                    })
                .reduce((a, b) -> a + ", " + b)
                .get();
    List<FileRows> inputs = new ArrayList<>();
    for (InputCount i : m.inputs()) {
      inputs.add(new FileRows(i.file(), Formats.number(i.read(), 0)));
    }
    return new Header(
        titleZh,
        titleEn,
        region,
        periodZh(month, ytd),
        periodEn(month, ytd),
        otherYears,
        ytdNotes(m),
        runTime(m.endTime()),
        m.version() == null ? "?" : m.version(),
        m.runner() == null ? "" : m.runner(),
        inputs);
  }

  static String runTime(Instant t) {
    if (t == null) {
      return "";
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    return f.format(t.atZone(BEIJING)) + " 北京时间 (" + f.format(t.atZone(ZoneOffset.UTC)) + " UTC)";
  }

  /** Status code to CSS class, Chinese and English badge text, in the order the report counts. */
  enum Status {
    STRIVE_MET("strive", "达到力争目标", "strive met"),
    ENSURE_MET("ensure", "达到确保目标", "ensure met"),
    NOT_MET("notmet", "未达成", "not met"),
    NO_DATA("nodata", "无数据", "no data");

    final String css;
    final String zh;
    final String en;

    Status(String css, String zh, String en) {
      this.css = css;
      this.zh = zh;
      this.en = en;
    }

    static Status of(String code) {
      for (Status s : values()) {
        if (s.name().equals(code)) {
          return s;
        }
      }
      return NO_DATA;
    }
  }

  private static Overview overview(
      RunOutputs out, InputContext ctx, Manifest m, boolean ytd, int month) {
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (AttainmentRow a : out.attainment()) {
      counts.merge(Status.of(a.status()), 1, Integer::sum);
    }
    List<Tile> tiles = new ArrayList<>();
    counts.forEach(
        (s, n) -> tiles.add(new Tile(s.name(), s.css, String.valueOf(n), s.zh, s.en, n == 0)));
    int total = out.attainment().size();
    int strive = counts.get(Status.STRIVE_MET);
    int met = strive + counts.get(Status.ENSURE_MET);
    int notMet = counts.get(Status.NOT_MET);
    int noData = counts.get(Status.NO_DATA);
    TreeSet<Integer> years = new TreeSet<>();
    out.attainment().forEach(a -> years.add(a.year()));
    String yearsText = years.stream().map(String::valueOf).reduce((a, b) -> a + "、" + b).orElse("");
    String headlineZh;
    String headlineEn;
    if (total == 0) {
      headlineZh = "本次运行没有适用的目标（无目标文件，或目标年份没有数据）。";
      headlineEn =
          "No targets apply to this run (no targets file, or no data for the targets' years).";
    } else {
      headlineZh =
          yearsText
              + "年共 "
              + total
              + " 项目标："
              + met
              + " 项已达成（其中 "
              + strive
              + " 项达到力争目标），"
              + notMet
              + " 项未达成，"
              + noData
              + " 项无数据。";
      headlineEn =
          total
              + (total == 1 ? " goal" : " goals")
              + " for "
              + yearsText.replace("、", ", ")
              + ": "
              + met
              + " met ("
              + strive
              + " at the strive level), "
              + notMet
              + " not met, "
              + noData
              + " without data.";
    }
    List<Flag> exceptions = new ArrayList<>();
    for (AttainmentRow a : out.attainment()) {
      Status s = Status.of(a.status());
      if (s == Status.NOT_MET || s == Status.NO_DATA) {
        Name n = IndicatorNames.of(a.indicator());
        Style st = Style.of(n.unit(), a.actual(), a.ensure(), a.strive());
        String where = place(a.sectorId(), a.district(), ctx);
        String text =
            where
                + " · "
                + n.zh()
                + "："
                + (a.actual() == null ? "无数据" : st.value(a.actual()))
                + "，目标 "
                + st.target(a.direction(), a.primary());
        exceptions.add(new Flag(text, s.zh, s.css));
      }
    }
    String skipped = "";
    if (m.targetsInForce() != null && m.targetsInForce() > total) {
      long n = m.targetsInForce() - total;
      skipped =
          n
              + " 项目标所属年份没有数据，未列出 · "
              + n
              + (n == 1 ? " target is" : " targets are")
              + " for a year without data and not shown.";
    }
    return new Overview(
        tiles,
        headlineZh,
        headlineEn,
        exceptions,
        !exceptions.isEmpty(),
        ytd && month < 12,
        periodZh(month, true),
        skipped);
  }

  /** "全区", "石碶街道", "数字经济", "数字经济 · 石碶街道". */
  private static String place(String sectorId, String district, InputContext ctx) {
    String d = ALL.equals(district) ? "全区" : shown(district);
    if (ALL.equals(sectorId)) {
      return d;
    }
    String s = sectorName(sectorId, ctx);
    return ALL.equals(district) ? s : s + " · " + d;
  }

  private static String sectorName(String id, InputContext ctx) {
    String n = ctx.sectorNames().get(id);
    return shown(n != null ? n : id);
  }

  private static List<GoalGroup> goalGroups(
      List<AttainmentRow> rows, InputContext ctx, Manifest m, Map<String, String> confidential) {
    boolean severalYears = rows.stream().map(AttainmentRow::year).distinct().count() > 1;
    Map<String, GoalGroup> groups = new LinkedHashMap<>();
    for (AttainmentRow a : rows) {
      String key = a.year() + "/" + a.sectorId();
      GoalGroup g = groups.get(key);
      if (g == null) {
        String prefix = severalYears ? a.year() + "年 · " : "";
        String zh;
        String en;
        if (ALL.equals(a.sectorId())) {
          zh = prefix + "全区 · 全部行业";
          en = "Whole region, all sectors";
        } else {
          zh = prefix + sectorName(a.sectorId(), ctx);
          en = "Sector " + a.sectorId();
        }
        g = new GoalGroup(zh, en, new ArrayList<>());
        groups.put(key, g);
      }
      String conf =
          confidential.getOrDefault(
              RunOutputs.figure(a.year(), a.sectorId(), a.district(), a.indicator()), "");
      g.rows().add(goalRow(a, m, conf));
    }
    return new ArrayList<>(groups.values());
  }

  /**
   * One goal; {@code conf} is the SDMX status (C or D) of its actual in the published table, empty
   * when the actual is published.
   */
  private static GoalRow goalRow(AttainmentRow a, Manifest m, String conf) {
    Name n = IndicatorNames.of(a.indicator());
    Style st = Style.of(n.unit(), a.actual(), a.ensure(), a.strive());
    Status s = Status.of(a.status());
    return new GoalRow(
        String.valueOf(a.year()),
        a.indicator(),
        nameZh(n, a.indicator(), m),
        n.en(),
        a.sectorId(),
        a.district(),
        ALL.equals(a.district()) ? "全区" : shown(a.district()),
        st.value(a.actual()),
        !conf.isEmpty(),
        conf,
        st.target(a.direction(), a.ensure()),
        st.target(a.direction(), a.strive()),
        st.gap(a.gap()),
        a.status(),
        s.css,
        s.zh,
        s.en);
  }

  /** The Chinese name, with the threshold for major projects. */
  private static String nameZh(Name n, String indicator, Manifest m) {
    if (indicator.equals("major_project_count") && m.majorProjectThreshold() != null) {
      return n.zh() + "（计划总投资 ≥ " + m.majorProjectThreshold() + " 万元）";
    }
    return n.zh();
  }

  private static List<TargetStrip> targetStrips(
      List<AttainmentRow> rows, InputContext ctx, Manifest m) {
    List<TargetStrip> out = new ArrayList<>();
    boolean severalYears = rows.stream().map(AttainmentRow::year).distinct().count() > 1;
    for (AttainmentRow a : rows) {
      Name n = IndicatorNames.of(a.indicator());
      Style st = Style.of(n.unit(), a.actual(), a.ensure(), a.strive());
      Status s = Status.of(a.status());
      String where =
          place(a.sectorId(), a.district(), ctx) + (severalYears ? " · " + a.year() : "");
      TargetBar bar =
          Charts.targetBar(
              a.actual(),
              a.ensure(),
              a.strive(),
              s.css,
              a.actual() == null ? "无数据 no data" : st.value(a.actual()),
              st.bare(a.ensure()),
              st.bare(a.strive()));
      out.add(new TargetStrip(n.zh(), where, s.css, bar));
    }
    return out;
  }

  private static SectorChart sectorChart(
      List<SummaryRow> summary, InputContext ctx, Integer year, int month) {
    if (year == null) {
      return new SectorChart(false, "", "", "", "", "", List.of());
    }
    SummaryRow whole = null;
    List<SummaryRow> sectors = new ArrayList<>();
    for (SummaryRow r : summary) {
      if (r.year() == year && ALL.equals(r.district())) {
        if (ALL.equals(r.sectorId())) {
          whole = r;
        } else {
          sectors.add(r);
        }
      }
    }
    sectors.sort(
        Comparator.comparing((SummaryRow r) -> -nz(r.number("above_scale_value_added")))
            .thenComparing(SummaryRow::sectorId));
    List<Double> vas = new ArrayList<>();
    List<Double> growths = new ArrayList<>();
    for (SummaryRow r : sectors) {
      vas.add(r.number("above_scale_value_added"));
      growths.add(r.number("value_added_growth"));
      growths.add(r.number("value_added_growth_nominal"));
    }
    if (whole != null) {
      growths.add(whole.number("value_added_growth"));
      growths.add(whole.number("value_added_growth_nominal"));
    }
    Scale vaScale = Scale.over(0, Charts.CELL_W, 0, 0.02, vas);
    double largest = whole != null ? nz(whole.number("above_scale_value_added")) : 0;
    for (Double v : vas) {
      largest = Math.max(largest, Math.abs(nz(v)));
    }
    Style vaStyle = Style.of(IndicatorNames.Unit.AMOUNT, largest);
    Scale gScale = Scale.over(2, Charts.CELL_W - 2, 0.05, 0.05, growths);
    List<SectorLine> lines = new ArrayList<>();
    for (SummaryRow r : sectors) {
      Double va = r.number("above_scale_value_added");
      Double g = r.number("value_added_growth");
      Double nominal = r.number("value_added_growth_nominal");
      lines.add(
          new SectorLine(
              sectorName(r.sectorId(), ctx),
              r.sectorId(),
              vaStyle.value(va),
              Charts.cellBar(vaScale, va, "va", null),
              Formats.rate(g),
              Formats.rate(nominal),
              Charts.cellBar(gScale, g, g != null && g < 0 ? "down" : "up", nominal)));
    }
    return new SectorChart(
        whole != null || !lines.isEmpty(),
        String.valueOf(year),
        periodZh(month, month < 12),
        whole == null ? "—" : vaStyle.value(whole.number("above_scale_value_added")),
        whole == null ? "—" : Formats.rate(whole.number("value_added_growth")),
        whole == null ? "—" : Formats.rate(whole.number("value_added_growth_nominal")),
        lines);
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static Progress progress(
      List<AttainmentRow> rows,
      List<ProgressRow> monthly,
      InputContext ctx,
      int month,
      boolean ytd) {
    if (month >= 12) {
      return new Progress(false, false, "", "", "", List.of());
    }
    double elapsed = month * 100.0 / 12;
    Map<String, List<Double>> series = new HashMap<>();
    List<ProgressRow> sorted = new ArrayList<>(monthly);
    sorted.sort(Comparator.comparingInt(ProgressRow::month));
    for (ProgressRow r : sorted) {
      series
          .computeIfAbsent(
              seriesKey(r.year(), r.indicator(), r.sectorId(), r.district()),
              k -> new ArrayList<>())
          .add(r.actual());
    }
    List<ProgressLine> lines = new ArrayList<>();
    for (AttainmentRow a : rows) {
      Name n = IndicatorNames.of(a.indicator());
      boolean upward = a.direction().equals("AT_LEAST") || a.direction().equals("ABOVE");
      List<Double> values =
          series.get(seriesKey(a.year(), a.indicator(), a.sectorId(), a.district()));
      if (!n.cumulative()
          || !upward
          || a.actual() == null
          || a.primary() == null
          || a.primary() <= 0
          || values == null
          || values.size() != month) {
        continue;
      }
      Style st = Style.of(n.unit(), a.actual(), a.ensure(), a.strive());
      double pct = a.actual() / a.primary() * 100;
      boolean onPace = pct >= elapsed;
      lines.add(
          new ProgressLine(
              n.zh(),
              place(a.sectorId(), a.district(), ctx),
              Formats.number(pct, 0) + "%",
              st.value(a.actual()),
              st.target(a.direction(), a.primary()),
              onPace ? "快于时间进度 ahead of time" : "慢于时间进度 behind time",
              Charts.monthly(
                  values,
                  a.primary(),
                  a.ensure(),
                  a.strive(),
                  onPace ? "ahead" : "behind",
                  st.value(a.actual()) + " (" + Formats.number(pct, 0) + "%)",
                  st.value(a.ensure()),
                  st.value(a.strive()))));
    }
    return new Progress(
        ytd,
        !lines.isEmpty(),
        periodZh(month, true),
        periodEn(month, true),
        Formats.number(elapsed, 0) + "%",
        lines);
  }

  private static String seriesKey(int year, String indicator, String sector, String district) {
    return year + "\u0000" + indicator + "\u0000" + sector + "\u0000" + district;
  }

  private static Quality quality(RunOutputs out, Manifest m) {
    List<FileQuality> files = new ArrayList<>();
    long read = 0;
    long rejected = 0;
    for (InputCount i : m.inputs()) {
      files.add(
          new FileQuality(
              i.file(),
              Formats.number(i.read(), 0),
              Formats.number(i.accepted(), 0),
              Formats.number(i.rejected(), 0),
              Formats.number(i.superseded(), 0),
              Formats.number(i.collapsed(), 0)));
      read += i.read();
      rejected += i.rejected();
    }
    Map<String, List<RejectRow>> byKey = new LinkedHashMap<>();
    List<RejectRow> sorted = new ArrayList<>(out.rejects());
    sorted.sort(
        Comparator.comparing(RejectRow::file)
            .thenComparing(RejectRow::reason)
            .thenComparingLong(RejectRow::line));
    for (RejectRow r : sorted) {
      byKey.computeIfAbsent(r.file() + "\u0000" + r.reason(), k -> new ArrayList<>()).add(r);
    }
    List<RejectGroup> groups = new ArrayList<>();
    for (List<RejectRow> g : byKey.values()) {
      List<Example> examples = new ArrayList<>();
      for (RejectRow r : g.subList(0, Math.min(EXAMPLES, g.size()))) {
        examples.add(new Example(String.valueOf(r.line()), shown(r.detail()), cut(r.raw())));
      }
      int more = g.size() - examples.size();
      RejectRow first = g.get(0);
      groups.add(
          new RejectGroup(
              first.file(),
              first.reason(),
              reasonZh(first.reason()),
              Formats.number(g.size(), 0),
              examples,
              more > 0 ? "另有 " + more + " 行未列出 · " + more + " more not shown" : ""));
    }
    if (rejected == 0) {
      rejected = out.rejects().size();
    }
    String share = read == 0 ? "" : " (" + Formats.number(rejected * 100.0 / read, 2) + "%)";
    return new Quality(
        "共读入 "
            + Formats.number(read, 0)
            + " 行数据，剔除 "
            + Formats.number(rejected, 0)
            + " 行"
            + share
            + "。",
        Formats.number(read, 0)
            + " data rows read, "
            + Formats.number(rejected, 0)
            + " rejected"
            + share
            + ".",
        files,
        groups,
        !groups.isEmpty(),
        review(out.review()),
        warnings(m.warnings()));
  }

  /** Null (no section) when the run had no warnings. */
  static Warnings warnings(List<String> all) {
    if (all.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (String w : all.subList(0, Math.min(WARNINGS, all.size()))) {
      String one = w.replace('\n', ' ').replace('\r', ' ');
      lines.add(one.length() <= WARNING_CHARS ? one : one.substring(0, WARNING_CHARS) + " …");
    }
    int more = all.size() - lines.size();
    return new Warnings(
        lines,
        more > 0 ? "另有 " + more + " 条见 _manifest.json · " + more + " more in _manifest.json" : "");
  }

  static Review review(List<RunOutputs.ReviewRow> flags) {
    Map<String, List<RunOutputs.ReviewRow>> byRule = new LinkedHashMap<>();
    Map<String, List<RunOutputs.ReviewRow>> bySubject = new LinkedHashMap<>();
    for (RunOutputs.ReviewRow f : flags) {
      byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
      bySubject.computeIfAbsent(f.subject(), k -> new ArrayList<>()).add(f);
    }
    Comparator<Map.Entry<String, List<RunOutputs.ReviewRow>>> most =
        Comparator.<Map.Entry<String, List<RunOutputs.ReviewRow>>>comparingInt(
                e -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey);
    List<ReviewRuleCount> rules = new ArrayList<>();
    byRule.entrySet().stream()
        .sorted(most)
        .limit(TOP)
        .forEach(
            e -> {
              RunOutputs.ReviewRow first = e.getValue().get(0);
              rules.add(
                  new ReviewRuleCount(
                      e.getKey(),
                      first.severity(),
                      Formats.number(e.getValue().size(), 0),
                      first.messageZh(),
                      first.messageEn()));
            });
    List<ReviewSubject> subjects = new ArrayList<>();
    bySubject.entrySet().stream()
        .sorted(most)
        .limit(TOP)
        .forEach(
            e ->
                subjects.add(
                    new ReviewSubject(
                        shown(e.getKey()),
                        Formats.number(e.getValue().size(), 0),
                        String.join(
                            ", ",
                            e.getValue().stream()
                                .map(RunOutputs.ReviewRow::ruleId)
                                .distinct()
                                .toList()))));
    List<RunOutputs.ReviewRow> sorted = new ArrayList<>(flags);
    sorted.sort(
        Comparator.comparing((RunOutputs.ReviewRow f) -> !"QUERY".equals(f.severity()))
            .thenComparing(RunOutputs.ReviewRow::file)
            .thenComparingLong(RunOutputs.ReviewRow::line)
            .thenComparing(RunOutputs.ReviewRow::ruleId));
    List<ReviewExample> examples = new ArrayList<>();
    for (RunOutputs.ReviewRow f : sorted.subList(0, Math.min(EXAMPLES, sorted.size()))) {
      examples.add(
          new ReviewExample(
              f.ruleId(),
              f.severity(),
              f.file() + ":" + f.line(),
              shown(f.subject()),
              shown(f.observed())));
    }
    long queries = flags.stream().filter(f -> "QUERY".equals(f.severity())).count();
    int more = flags.size() - examples.size();
    return new Review(
        "审核共标记 "
            + Formats.number(flags.size(), 0)
            + " 条可疑记录（其中需向企业核实 "
            + Formats.number(queries, 0)
            + " 条），这些记录照常计入各项指标。",
        Formats.number(flags.size(), 0)
            + " records flagged by the data review ("
            + Formats.number(queries, 0)
            + " to query with the enterprise); they are counted in the figures as usual.",
        !flags.isEmpty(),
        rules,
        subjects,
        examples,
        more > 0 ? "另有 " + more + " 条未列出 · " + more + " more in review/" : "");
  }

  /** An input value for display: at most {@link #VALUE_CHARS} characters, the cut marked. */
  static String shown(String value) {
    return InputText.cut(value, VALUE_CHARS);
  }

  /** A raw line for display: one line, at most {@link #RAW_CHARS} characters. */
  static String cut(String raw) {
    String one = raw.replace("\r\n", " ⏎ ").replace('\n', ' ').replace('\r', ' ');
    return one.length() <= RAW_CHARS ? one : one.substring(0, RAW_CHARS) + " …";
  }

  static String reasonZh(String reason) {
    return switch (reason) {
      case "MALFORMED_ROW" -> "格式错误";
      case "MISSING_FIELD" -> "缺少必填项";
      case "INVALID_NUMBER" -> "数字无效";
      case "INVALID_DATE" -> "日期无效";
      case "INVALID_CODE" -> "代码无效";
      case "OUT_OF_RANGE" -> "超出范围";
      case "UNKNOWN_ENTERPRISE" -> "企业不在名录";
      case "CONFLICTING_DUPLICATE" -> "重复且数值冲突";
      default -> reason;
    };
  }

  private static Method method(
      RunOutputs out, InputContext ctx, Manifest m, Integer year, int month) {
    String indexZh;
    String indexEn;
    if (year != null && ctx.hasRegion()) {
      InputContext.PriceIndex all = ctx.priceIndex(ALL, year);
      List<String> zh = new ArrayList<>();
      List<String> en = new ArrayList<>();
      zh.add("全区 " + all.value() + (all.source() == InputContext.Source.EMPTY ? "（未填，按 100）" : ""));
      en.add("whole region " + all.value());
      TreeSet<String> districts = new TreeSet<>();
      for (InputContext.RegionKey k : ctx.region().keySet()) {
        if (k.year() == year && !ALL.equals(k.district())) {
          districts.add(k.district());
        }
      }
      for (String d : districts) {
        InputContext.PriceIndex p = ctx.priceIndex(d, year);
        boolean empty = p.source() == InputContext.Source.EMPTY;
        zh.add(d + " " + p.value() + (empty ? "（未填，按 100）" : ""));
        en.add(d + " " + p.value() + (empty ? " (left empty, so 100)" : ""));
      }
      String rest = all.source() == InputContext.Source.NONE ? "100" : all.value();
      indexZh =
          year + " 年所用增加值价格指数（上年 = 100）：" + String.join("；", zh) + "；其他街道镇用全区指数 " + rest + "。";
      indexEn =
          "Price index used for "
              + year
              + " (previous year = 100): "
              + String.join("; ", en)
              + "; every other district uses the region's "
              + rest
              + ".";
    } else {
      indexZh = "价格指数取 region.csv 中该街道镇当年的 va_price_index；无该行时取全区（ALL）的；都没有时按 100。";
      indexEn =
          "The price index is region.csv's va_price_index of the district and year, else the whole region's (ALL), else 100.";
    }
    String rdZh =
        "R&D 经费投入强度 =（企业 R&D 经费 rd.csv + 科研院所和高校 R&D 经费 region.csv other_rd_expenditure）÷ GDP × 100，"
            + "只对全年（1–12 月）计算，只对全区和在 region.csv 中有当年数据的街道镇计算；其他情况显示为无数据。";
    String rdEn =
        "R&D intensity = (enterprises' R&D expenditure from rd.csv + R&D of research institutes and universities,"
            + " region.csv other_rd_expenditure) / GDP x 100; computed only for a whole year, for the whole region and for"
            + " districts with a region.csv row; elsewhere it has no data.";
    if (year != null && month == 12) {
      InputContext.RegionRow r = ctx.region().get(new InputContext.RegionKey(ALL, year));
      SummaryRow whole =
          out.summary().stream()
              .filter(s -> s.year() == year && ALL.equals(s.sectorId()) && ALL.equals(s.district()))
              .findFirst()
              .orElse(null);
      if (r != null && whole != null && whole.number("rd_gdp_ratio") != null) {
        double ent = nz(whole.number("rd_expenditure"));
        double other = parse(r.otherRd());
        double gdp = parse(r.gdp());
        String nums =
            "("
                + Formats.amountInYi(ent)
                + " + "
                + Formats.amountInYi(other)
                + ") ÷ "
                + Formats.amountInYi(gdp)
                + " = "
                + Formats.number(whole.number("rd_gdp_ratio"), 2)
                + "%";
        rdZh += "全区 " + year + " 年：" + nums + "。";
        rdEn += " Whole region " + year + ": " + nums + ".";
      }
    }
    String threshold = m.majorProjectThreshold() == null ? "5000" : m.majorProjectThreshold();
    String majorZh = "重大工业投资项目：工业类项目，计划总投资 ≥ " + threshold + " 万元，且本期有完成投资。";
    String majorEn =
        "Major industrial projects: INDUSTRIAL projects with a planned total of at least "
            + threshold
            + " 万元 (10,000 yuan) and completed investment in the period.";
    return new Method(indexZh, indexEn, rdZh, rdEn, majorZh, majorEn, ctx.notes());
  }

  private static double parse(String s) {
    try {
      return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
