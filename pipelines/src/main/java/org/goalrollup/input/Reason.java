package org.goalrollup.input;

/** The contract's reject reason codes. */
public enum Reason {
  MALFORMED_ROW,
  MISSING_FIELD,
  INVALID_NUMBER,
  INVALID_DATE,
  INVALID_CODE,
  OUT_OF_RANGE,
  UNKNOWN_ENTERPRISE,
  CONFLICTING_DUPLICATE
}
