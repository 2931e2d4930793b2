package org.goalrollup.runners.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of docs/cluster.md that the cluster test runs. Each is marked by a comment {@code
 * <!-- cluster-test: NAME -->} on the line before its opening fence, which a reader of the rendered
 * page does not see; the test takes the commands and configuration from there, so the page and the
 * test cannot say different things.
 */
final class DocBlocks {
  private static final Pattern MARK = Pattern.compile("<!-- cluster-test: ([a-z0-9-]+) -->");

  private final Path file;
  private final Map<String, String> blocks;

  private DocBlocks(Path file, Map<String, String> blocks) {
    this.file = file;
    this.blocks = blocks;
  }

  static DocBlocks read(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    Map<String, String> blocks = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARK.matcher(lines.get(i).trim());
      if (!m.matches()) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
        throw new IllegalStateException(
            markdown + ": line " + (i + 1) + ": the mark is not followed by a code block");
      }
      StringBuilder text = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        text.append(lines.get(j)).append('\n');
      }
      if (blocks.put(m.group(1), text.toString()) != null) {
        throw new IllegalStateException(markdown + ": two blocks marked " + m.group(1));
      }
      i = j;
    }
    return new DocBlocks(markdown, blocks);
  }

  /** The text of the block marked {@code name}. */
  String text(String name) {
    String text = blocks.get(name);
    if (text == null) {
      throw new IllegalStateException(file + " has no code block marked cluster-test: " + name);
    }
    return text;
  }

  /**
   * The commands of a shell block, each as its words: lines continued with a backslash are joined,
   * comments dropped, words split and unquoted as a POSIX shell does for plain words and quotes (no
   * variables or substitutions: a marked block has none).
   */
  List<List<String>> commands(String name) {
    List<List<String>> commands = new ArrayList<>();
    String joined = text(name).replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      List<String> words = words(line);
      if (!words.isEmpty()) {
        commands.add(words);
      }
    }
    return commands;
  }

  /** The {@code NAME="value"} assignments of a shell block such as {@code conf/spark-env.sh}. */
  Map<String, String> assignments(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    for (List<String> command : commands(name)) {
      for (String word : command) {
        int eq = word.indexOf('=');
        if (eq <= 0 || !word.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
          throw new IllegalStateException(name + ": not an assignment: " + word);
        }
        env.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return env;
  }

  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalStateException("unclosed quote in: " + line);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
