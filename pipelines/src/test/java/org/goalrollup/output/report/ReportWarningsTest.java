package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's warnings are read from the manifest and shown in the data-quality section: at most 20,
 * each cut to a few hundred characters, the rest counted; none, no list.
 */
class ReportWarningsTest {
  @TempDir Path tmp;

  @Test
  void warningsOfTheManifestAreListedUnderDataQuality() throws IOException {
    ReportFixture f = new ReportFixture();
    f.warnings.add("'RD.csv' in the input folder is not read: <b>case</b>");
    for (int i = 0; i < 24; i++) {
      f.warnings.add("region.csv: line " + (i + 2) + ": district 'all' " + "x".repeat(i * 30));
    }
    Document doc = HtmlReportTest.render(f.write(tmp.resolve("out")));
    var items = doc.select("section.quality ul.warnings li");
    // 20 warnings and the line that says how many more the manifest has
    assertThat(items, hasSize(21));
    assertThat(
        items.get(0).text(), equalTo("'RD.csv' in the input folder is not read: <b>case</b>"));
    assertThat(items.get(0).select("b").first(), nullValue());
    assertThat(items.get(20).text(), containsString("5 more in _manifest.json"));
    // the longest shown is cut after 400 characters and marked
    String longest = items.get(19).text();
    assertThat(longest.length(), equalTo(400 + 2));
    assertThat(longest, containsString(" …"));
  }

  @Test
  void aRunWithoutWarningsHasNoList() throws IOException {
    Document doc = HtmlReportTest.render(new ReportFixture().write(tmp.resolve("out")));
    assertThat(doc.select("ul.warnings"), hasSize(0));
  }
}
