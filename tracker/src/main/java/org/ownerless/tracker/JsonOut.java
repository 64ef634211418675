package org.ownerless.tracker;

/** Builds the tracker's failure replies (rare, so a String is fine); strings are escaped as JSON requires, the rest is literal. */
final class JsonOut {
  private final StringBuilder sb = new StringBuilder(256).append('{');
  private boolean first = true;

  JsonOut field(String name, String value) {
    key(name);
    quote(value);
    return this;
  }

  JsonOut field(String name, long value) {
    key(name);
    sb.append(value);
    return this;
  }

  private void key(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    quote(name);
    sb.append(':');
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    return sb.toString() + '}';
  }
}
