package org.goalrollup.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.input.CsvFiles;
import org.goalrollup.input.CsvReader;
import org.goalrollup.input.CsvRecord;
import org.goalrollup.input.Header;
import org.goalrollup.input.InputException;
import org.goalrollup.input.InputText;
import org.goalrollup.input.RowRejected;
import org.goalrollup.input.Values;

/**
 * The review rules in force: for each {@link ReviewRule} whether it is enabled, its severity and
 * its parameters. The defaults ship in the jar ({@code review/review-rules.csv}); a {@code
 * review-rules.csv} in the input folder overrides them rule by rule. Any problem in either file is
 * an {@link InputException} naming file, line and column, raised before the pipeline starts.
 */
public final class ReviewRules implements Serializable {
  /** The name of the rules file, in the jar and in the input folder. */
  public static final String FILE_NAME = "review-rules.csv";

  /** Where the shipped defaults are, on the class path. */
  public static final String RESOURCE = "/review/" + FILE_NAME;

  static final String BUILT_IN = FILE_NAME + " (built-in)";

  private static final List<String> COLUMNS =
      List.of("rule_id", "severity", "enabled", "parameters");
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,12}(\\.\\d{1,6})?");

  /** The two severities of a flag. */
  public enum Severity {
    WARNING,
    QUERY
  }

  /** One rule's settings. */
  public record Setting(boolean enabled, Severity severity, Map<String, BigDecimal> params)
      implements Serializable {
    /** The value of a parameter the rule declares. */
    public BigDecimal param(String name) {
      BigDecimal v = params.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no parameter " + name);
      }
      return v;
    }
  }

  private final EnumMap<ReviewRule, Setting> settings;
  private final String source;

  private ReviewRules(EnumMap<ReviewRule, Setting> settings, String source) {
    this.settings = settings;
    this.source = source;
  }

  public Setting setting(ReviewRule rule) {
    return settings.get(rule);
  }

  public boolean enabled(ReviewRule rule) {
    return settings.get(rule).enabled();
  }

  public Severity severity(ReviewRule rule) {
    return settings.get(rule).severity();
  }

  public BigDecimal param(ReviewRule rule, String name) {
    return settings.get(rule).param(name);
  }

  /** Whether these are the shipped rules, with no file of the input folder over them. */
  public boolean builtIn() {
    return BUILT_IN.equals(source);
  }

  /** Where the rules came from: the built-in file, or the input folder's file over it. */
  public String source() {
    return source;
  }

  /** The shipped defaults. */
  public static ReviewRules defaults() throws InputException {
    try (InputStream in = ReviewRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE);
      }
      EnumMap<ReviewRule, Setting> s = new EnumMap<>(ReviewRule.class);
      read(reader(in), BUILT_IN, s, true);
      for (ReviewRule r : ReviewRule.values()) {
        if (!s.containsKey(r)) {
          throw new InputException(BUILT_IN + ": no row for rule " + r.name());
        }
      }
      return new ReviewRules(s, BUILT_IN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** The defaults, overridden by the file {@code id} if it exists. */
  public static ReviewRules load(ResourceId id, String charset) throws InputException, IOException {
    ReviewRules d = defaults();
    if (!CsvFiles.exists(id)) {
      return d;
    }
    EnumMap<ReviewRule, Setting> s = new EnumMap<>(d.settings);
    try (CsvReader r = CsvFiles.open(id, charset)) {
      read(r, FILE_NAME, s, false);
    } catch (CharacterCodingException e) {
      throw new InputException(org.goalrollup.input.InvalidBytes.describe(id, FILE_NAME, charset));
    }
    return new ReviewRules(s, id.toString());
  }

  /** Parses rules text (for tests): {@code defaults} overridden by {@code csv}. */
  static ReviewRules parse(String csv) throws InputException {
    ReviewRules d = defaults();
    EnumMap<ReviewRule, Setting> s = new EnumMap<>(d.settings);
    try {
      read(
          reader(new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))),
          FILE_NAME,
          s,
          false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new ReviewRules(s, FILE_NAME);
  }

  private static CsvReader reader(InputStream in) {
    return new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
  }

  /**
   * Reads rows into {@code into}. A row sets its rule's severity and enabled flag; each parameter
   * it names replaces the one in force, those it leaves out keep theirs. In the built-in file
   * (complete) every parameter of a rule must be given.
   */
  private static void read(
      CsvReader reader, String file, EnumMap<ReviewRule, Setting> into, boolean complete)
      throws IOException, InputException {
    CsvRecord first = reader.next();
    if (first == null || first.isMalformed()) {
      throw new InputException(file + ": line 1: no usable header");
    }
    Header h = Header.of(file, first.fields(), new java.util.HashSet<>(COLUMNS));
    for (String c : List.of("rule_id", "severity")) {
      if (!h.has(c)) {
        throw new InputException(file + ": line 1: required column " + c + " missing");
      }
    }
    Map<ReviewRule, Long> seen = new EnumMap<>(ReviewRule.class);
    CsvRecord rec;
    while ((rec = reader.next()) != null) {
      String at = file + ": line " + rec.line();
      if (rec.isMalformed() || rec.fields().size() != h.size()) {
        throw new InputException(
            at
                + ": malformed row ("
                + (rec.isMalformed()
                    ? rec.malformed()
                    : rec.fields().size() + " fields where the header has " + h.size())
                + ")");
      }
      String id = field(h, rec, "rule_id");
      ReviewRule rule = ReviewRule.byId(id);
      if (rule == null) {
        throw new InputException(
            where(file, rec, h, "rule_id")
                + "unknown rule "
                + InputText.show(id)
                + " (known: "
                + String.join(", ", names())
                + ")");
      }
      if (seen.containsKey(rule)) {
        throw new InputException(
            where(file, rec, h, "rule_id")
                + "rule "
                + id
                + " is already set on line "
                + seen.get(rule));
      }
      seen.put(rule, rec.line());
      String sev = field(h, rec, "severity");
      Severity severity;
      try {
        severity = Severity.valueOf(sev);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            where(file, rec, h, "severity") + InputText.show(sev) + " is not WARNING or QUERY");
      }
      boolean enabled = true;
      String en = h.has("enabled") ? field(h, rec, "enabled") : "";
      if (!en.isEmpty()) {
        try {
          enabled = Values.bool("enabled", en);
        } catch (RowRejected e) {
          throw new InputException(where(file, rec, h, "enabled") + e.detail());
        }
      }
      Setting old = into.get(rule);
      Map<String, BigDecimal> params = new LinkedHashMap<>(old == null ? Map.of() : old.params());
      String ps = h.has("parameters") ? field(h, rec, "parameters") : "";
      Map<String, BigDecimal> given = params(file, rec, h, rule, ps);
      params.putAll(given);
      if (complete && !given.keySet().containsAll(names(rule))) {
        throw new InputException(
            where(file, rec, h, "parameters")
                + "the built-in rules must give every parameter of "
                + id
                + ": "
                + String.join(", ", names(rule)));
      }
      if (rule.param("min_ratio") != null
          && params.get("min_ratio").compareTo(params.get("max_ratio")) > 0) {
        throw new InputException(
            where(file, rec, h, "parameters") + "min_ratio is greater than max_ratio");
      }
      into.put(rule, new Setting(enabled, severity, Map.copyOf(params)));
    }
  }

  /** Parses {@code name=value; name=value}, each name one the rule declares. */
  private static Map<String, BigDecimal> params(
      String file, CsvRecord rec, Header h, ReviewRule rule, String text) throws InputException {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    if (text.isBlank()) {
      return out;
    }
    for (String part : text.split(";")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).strip();
      String value = eq < 0 ? "" : p.substring(eq + 1).strip();
      ReviewRule.Param param = rule.param(name);
      if (param == null) {
        throw new InputException(
            where(file, rec, h, "parameters")
                + "rule "
                + rule.name()
                + (rule.params().isEmpty()
                    ? " takes no parameters"
                    : " has no parameter "
                        + InputText.show(name)
                        + " (it takes "
                        + String.join(", ", names(rule))
                        + ")"));
      }
      if (out.containsKey(name)) {
        throw new InputException(
            where(file, rec, h, "parameters") + "parameter " + name + " is given twice");
      }
      BigDecimal v = NUMBER.matcher(value).matches() ? new BigDecimal(value) : null;
      String problem =
          v == null
              ? "is not a number"
              : switch (param.kind()) {
                case RATIO -> null;
                case AMOUNT -> v.signum() < 0 ? "must be 0 or more" : null;
                case FACTOR -> v.compareTo(BigDecimal.ONE) <= 0 ? "must be greater than 1" : null;
              };
      if (problem != null) {
        throw new InputException(
            where(file, rec, h, "parameters")
                + rule.name()
                + " parameter "
                + name
                + "="
                + InputText.show(value)
                + " "
                + problem);
      }
      out.put(name, v);
    }
    return out;
  }

  private static String field(Header h, CsvRecord rec, String column) {
    return rec.fields().get(h.indexOf(column));
  }

  private static String where(String file, CsvRecord rec, Header h, String column) {
    return file
        + ": line "
        + rec.line()
        + ", column "
        + (h.indexOf(column) + 1)
        + " ("
        + column
        + "): ";
  }

  private static List<String> names() {
    List<String> n = new ArrayList<>();
    for (ReviewRule r : ReviewRule.values()) {
      n.add(r.name());
    }
    return n;
  }

  private static List<String> names(ReviewRule rule) {
    return rule.params().stream().map(ReviewRule.Param::name).toList();
  }

  /** The rules as one line each, for the manifest: id, severity, enabled, parameters. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<ReviewRule, Setting> e : settings.entrySet()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("severity", e.getValue().severity().name());
      r.put("enabled", e.getValue().enabled());
      Map<String, String> p = new LinkedHashMap<>();
      for (ReviewRule.Param param : e.getKey().params()) {
        p.put(param.name(), e.getValue().param(param.name()).toPlainString());
      }
      r.put("parameters", p);
      m.put(e.getKey().name(), r);
    }
    return m;
  }
}
