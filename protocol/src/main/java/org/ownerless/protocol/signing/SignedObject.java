package org.ownerless.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.ProtocolVersion;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * The envelope every signed object shares: a JSON object with {@code type}, {@code v} (protocol
 * version) and {@code sig}. The signature covers a domain-separated byte string,
 * {@code "ownerless-sig-v1" 0x00 TYPE 0x00 JCS(object without sig)}, so a signature made for one
 * object type (or for anything outside this protocol) can never be replayed as another.
 */
public final class SignedObject {
  public static final String SIGNATURE_FIELD = "sig";
  private static final byte[] DOMAIN = "ownerless-sig-v1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z_]{0,31}");

  private final String type;
  private final ObjectNode body;
  private final byte[] signature;

  private SignedObject(String type, ObjectNode body, byte[] signature) {
    this.type = type;
    this.body = body;
    this.signature = signature;
  }

  /** Parses untrusted bytes; checks the envelope only, not the signature or the type's fields. */
  public static SignedObject parse(byte[] json) throws ProtocolException {
    return fromNode(StrictJson.parse(json));
  }

  /** The {@code type} of a JSON object, for dispatching before the full parse. */
  public static String typeOf(byte[] json) throws ProtocolException {
    JsonNode node = StrictJson.parse(json);
    JsonNode type = node.get("type");
    if (!node.isObject() || type == null || !type.isTextual()) {
      throw new ProtocolException("not a protocol object (no 'type' field)");
    }
    return type.textValue();
  }

  public static SignedObject fromNode(JsonNode node) throws ProtocolException {
    if (!node.isObject()) {
      throw new ProtocolException("a signed object must be a JSON object");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || !TYPE.matcher(type.textValue()).matches()) {
      throw new ProtocolException("missing or invalid 'type' field");
    }
    JsonNode version = node.get("v");
    if (version == null || !version.isIntegralNumber()) {
      throw new ProtocolException(type.textValue() + ": missing or invalid protocol version 'v'");
    }
    if (version.longValue() == 1) {
      throw new ProtocolException(type.textValue() + ": " + ProtocolVersion.V1_REFUSED);
    }
    if (version.longValue() != ProtocolVersion.CURRENT) {
      throw new ProtocolException(type.textValue() + ": unsupported protocol version " + version.longValue()
          + " (this build speaks version " + ProtocolVersion.CURRENT + ")");
    }
    JsonNode sig = node.get(SIGNATURE_FIELD);
    if (sig == null || !sig.isTextual()) {
      throw new ProtocolException(type.textValue() + ": missing signature field 'sig'");
    }
    byte[] signature;
    try {
      signature = Base64Url.decode(sig.textValue(), Signer.SIGNATURE_LENGTH);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(type.textValue() + ".sig: " + e.getMessage());
    }
    ObjectNode body = ((ObjectNode) node).deepCopy();
    body.remove(SIGNATURE_FIELD);
    return new SignedObject(type.textValue(), body, signature);
  }

  /** Starts the body of a new signed object of {@code type}: the {@code type} and {@code v} fields. */
  public static ObjectNode newBody(String type) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("type", type);
    o.put("v", ProtocolVersion.CURRENT);
    return o;
  }

  /** The start of a stream's signed object: type, version, and the stream it speaks for (creator, name). */
  public static ObjectNode newStreamBody(String type, PublicKey creator, String name) {
    ObjectNode o = newBody(type);
    o.put("creator", creator.toBase64Url());
    o.put("name", name);
    return o;
  }

  /** Signs {@code body} as the creator it names; refuses a key that is not that creator. */
  public static SignedObject signAs(ObjectNode body, PublicKey creator, Signer signer) {
    if (!signer.publicKey().equals(creator)) {
      throw new IllegalArgumentException("the object names creator " + creator
          + " but the signing key is " + signer.publicKey());
    }
    return sign(body, signer);
  }

  /**
   * A reader over the signed fields, for an envelope that must be of {@code expectedType}; the
   * envelope fields are already consumed, so the caller reads the rest and rejects unknown ones.
   */
  public JsonFields fields(String expectedType) throws ProtocolException {
    if (!expectedType.equals(type)) {
      throw new ProtocolException("expected a " + expectedType + ", got a " + type);
    }
    JsonFields f = JsonFields.of(body.deepCopy(), type);
    f.string("type", 64);
    f.integer("v", ProtocolVersion.CURRENT, ProtocolVersion.CURRENT);
    return f;
  }

  /** Signs {@code body} (which must already hold {@code type} and {@code v}). */
  public static SignedObject sign(ObjectNode body, Signer signer) {
    ObjectNode copy = body.deepCopy();
    copy.remove(SIGNATURE_FIELD);
    String type = copy.path("type").asText();
    return new SignedObject(type, copy, signer.sign(signingInput(type, copy)));
  }

  /** The exact bytes an Ed25519 signature covers. */
  public static byte[] signingInput(String type, ObjectNode bodyWithoutSignature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(DOMAIN);
    out.write(0);
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    out.writeBytes(CanonicalJson.bytes(bodyWithoutSignature));
    return out.toByteArray();
  }

  public boolean verifiedBy(PublicKey key) {
    return key.verify(signingInput(type, body), signature);
  }

  public String type() {
    return type;
  }

  /** A copy of the signed fields (everything but {@code sig}). */
  public ObjectNode body() {
    return body.deepCopy();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The object as published: body plus signature. */
  public ObjectNode toJson() {
    ObjectNode out = body.deepCopy();
    out.put(SIGNATURE_FIELD, Base64Url.encode(signature));
    return out;
  }

  /** Canonical (JCS) bytes of the published object, the form written to files and served. */
  public byte[] toCanonicalBytes() {
    return CanonicalJson.bytesWith(body, SIGNATURE_FIELD, Base64Url.encode(signature));
  }
}
