package org.ownerless.ingest.rtmp.amf;

/**
 * AMF0 type markers (AMF0 specification, section 2.1) and the value that stands for ActionScript's
 * {@code undefined}. Java has only one "nothing" ({@code null}, used for AMF0 null), so undefined
 * needs a distinct singleton or it would be silently re-encoded as null.
 */
public enum Amf0 {
  UNDEFINED;

  public static final int NUMBER_MARKER = 0x00;
  public static final int BOOLEAN_MARKER = 0x01;
  public static final int STRING_MARKER = 0x02;
  public static final int OBJECT_MARKER = 0x03;
  /** Reserved by the specification; never valid on the wire. */
  public static final int MOVIECLIP_MARKER = 0x04;
  public static final int NULL_MARKER = 0x05;
  public static final int UNDEFINED_MARKER = 0x06;
  public static final int REFERENCE_MARKER = 0x07;
  public static final int ECMA_ARRAY_MARKER = 0x08;
  public static final int OBJECT_END_MARKER = 0x09;
  public static final int STRICT_ARRAY_MARKER = 0x0A;
  public static final int DATE_MARKER = 0x0B;
  public static final int LONG_STRING_MARKER = 0x0C;
  public static final int UNSUPPORTED_MARKER = 0x0D;
  /** Reserved by the specification; never valid on the wire. */
  public static final int RECORDSET_MARKER = 0x0E;
  public static final int XML_DOCUMENT_MARKER = 0x0F;
  public static final int TYPED_OBJECT_MARKER = 0x10;
  /** Switches the rest of the value to AMF3, which RTMP publishers do not use for commands. */
  public static final int AVMPLUS_OBJECT_MARKER = 0x11;

  /** Largest byte length a plain string (and every property name) can declare: it is a u16. */
  public static final int MAX_SHORT_STRING_BYTES = 0xFFFF;
}
