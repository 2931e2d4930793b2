package org.goalrollup.input;

/**
 * An input problem that stops the run before anything is written (missing file or column, an
 * invalid sectors or targets file). Its message is the one line the user sees, naming the file,
 * line and column.
 */
public final class InputException extends Exception {
  public InputException(String message) {
    super(message);
  }
}
