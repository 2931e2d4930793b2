package org.goalrollup.input;

import java.io.Serializable;

/** Turns one well-formed row into a typed record, or rejects it with a contract reason. */
@FunctionalInterface
public interface RowParser<T> extends Serializable {
  T parse(Row row) throws RowRejected;
}
