package org.goalrollup;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;

/**
 * Checks the values of the command line before Beam reads them, so that an empty value or a value
 * of the wrong type is one short line naming the option (exit code 2) instead of Beam's parser
 * message, and so that an empty {@code --input=} never reaches the file system (Beam resolves it to
 * the root folder and, looking for a file that is not there, walks the whole disk).
 */
public final class CommandLine {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("missing a property named '([^']*)'");
  private static final Pattern MISSING_REQUIRED =
      Pattern.compile("Missing required value for \\[(--\\w+)");

  private CommandLine() {}

  /**
   * Fails with a message for the user if an option of the rollup or of Beam is given an empty value
   * or a value its type cannot take. Options Beam does not know are left to Beam.
   */
  public static void check(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      Method getter = getter(name);
      if (getter == null) {
        continue;
      }
      Class<?> type = getter.getReturnType();
      boolean bool = type == boolean.class || type == Boolean.class;
      if (eq < 0) {
        if (!bool) {
          throw new IllegalArgumentException("--" + name + " needs a value: --" + name + "=...");
        }
        continue;
      }
      String value = arg.substring(eq + 1);
      if (value.isBlank()) {
        throw new IllegalArgumentException(
            "--"
                + name
                + "= is empty: give a value"
                + (getter.isAnnotationPresent(Validation.Required.class)
                    ? ""
                    : " or leave the option out"));
      }
      String problem = problem(type, value);
      if (problem != null) {
        throw new IllegalArgumentException(arg + " " + problem);
      }
    }
  }

  /** Why {@code value} is not a value of {@code type}, or null if it is one. */
  static String problem(Class<?> type, String value) {
    if (type == boolean.class || type == Boolean.class) {
      String v = value.toLowerCase(Locale.ROOT);
      return v.equals("true") || v.equals("false") ? null : "is not true or false";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      if (!INTEGER.matcher(value).matches()) {
        return "is not a whole number";
      }
      if (type == int.class || type == Integer.class) {
        long v = Long.parseLong(value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          return "is out of range";
        }
      }
      return null;
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      if (DECIMAL.matcher(value).matches()) {
        return null;
      }
      return value.endsWith("%")
          ? "is not a number: give a share, e.g. 0.05 for 5%"
          : "is not a number";
    }
    return null;
  }

  /**
   * The getter of the option {@code name} in the options Beam knows (the rollup's and the
   * runners'), or null if no options interface has it.
   */
  static Method getter(String name) {
    if (name.isEmpty()) {
      return null;
    }
    String property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    PipelineOptionsFactory.register(RollupOptions.class);
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : c.getMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + property) || m.getName().equals("is" + property))) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * One line for a command-line error Beam raised: its first line, with the two messages a user
   * meets most (an unknown option, a missing required one) said plainly.
   */
  public static String shortMessage(IllegalArgumentException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher unknown = MISSING_PROPERTY.matcher(m);
    if (unknown.find()) {
      return "--" + unknown.group(1) + " is not an option of the rollup";
    }
    Matcher required = MISSING_REQUIRED.matcher(m);
    if (required.find()) {
      return required.group(1) + " is required";
    }
    List<String> lines = m.lines().toList();
    String first = lines.isEmpty() ? m : lines.get(0).strip();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
