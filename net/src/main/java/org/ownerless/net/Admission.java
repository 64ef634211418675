package org.ownerless.net;

/** The outcome of asking for a connection slot: admitted, or which cap said no. */
enum Admission {
  ADMITTED,
  OVER_TOTAL_CAP,
  OVER_ADDRESS_CAP
}
