package org.goalrollup.output.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.goalrollup.input.InputText;
import org.goalrollup.output.report.Formats.Style;
import org.goalrollup.output.report.IndicatorNames.Name;
import org.goalrollup.output.report.RunOutputs.AttainmentRow;

/**
 * The human-readable report of a run: reads the manifest and the summary, attainment and rejects
 * tables of an output folder and writes {@code report.html} beside them, one self-contained UTF-8
 * file (inline CSS and SVG, nothing fetched) rendered from the Mustache templates under {@code
 * resources/report/}, which escape every value they print.
 */
public final class HtmlReport {
  public static final String FILE_NAME = "report.html";

  private static final String TEMPLATE = "report.mustache";

  private HtmlReport() {}

  /**
   * Writes {@code outputDir/report.html} from the outputs in {@code outputDir}; returns its path.
   */
  public static Path write(Path outputDir) throws IOException {
    RunOutputs outputs = RunOutputs.read(outputDir);
    InputContext context = InputContext.read(outputs.manifest(), outputs.rejects());
    ReportModel.View view = ReportModel.build(outputs, context);
    Path file = outputDir.resolve(FILE_NAME);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      template().execute(w, view);
    }
    return file;
  }

  /**
   * No single value is printed with more than this many characters. The model already cuts every
   * input value it shows to a couple of hundred ({@code ReportModel.VALUE_CHARS}); this is the net
   * under it, so that a value from the inputs nobody thought of can never fill the page. The
   * report's own longest texts (method notes, chart point lists) stay far below it.
   */
  static final int MAX_PRINTED_CHARS = 2000;

  static Mustache template() {
    MustacheFactory factory =
        new DefaultMustacheFactory("report") {
          @Override
          public void encode(String value, Writer writer) {
            super.encode(InputText.cut(value, MAX_PRINTED_CHARS), writer);
          }
        };
    return factory.compile(TEMPLATE);
  }

  /**
   * Prints the goals of the run in {@code outputDir} on the console, one line each, and where the
   * report is. Reading problems become a warning: the run's outputs are already published.
   */
  public static void printGoals(PrintStream out, Path outputDir) {
    RunOutputs outputs;
    try {
      outputs = RunOutputs.read(outputDir);
    } catch (IOException e) {
      out.println("warning: cannot list the goals: " + e.getMessage());
      return;
    }
    for (AttainmentRow a : outputs.attainment()) {
      Name n = IndicatorNames.of(a.indicator());
      Style st = Style.of(n.unit(), a.actual(), a.ensure(), a.strive());
      String target =
          (a.ensure() != null ? "ensure " + st.target(a.direction(), a.ensure()) : "")
              + (a.ensure() != null && a.strive() != null ? ", " : "")
              + (a.strive() != null ? "strive " + st.target(a.direction(), a.strive()) : "");
      out.printf(
          "  %-10s %d %s / %s / %s: %s (%s)%n",
          a.status(),
          a.year(),
          a.indicator(),
          a.sectorId(),
          a.district(),
          st.value(a.actual()),
          target);
    }
    out.println("report: " + outputDir.resolve(FILE_NAME).toAbsolutePath());
  }
}
