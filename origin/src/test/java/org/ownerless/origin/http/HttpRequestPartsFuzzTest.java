package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the origin reads from a request before it touches a file: the request target
 * ({@link RequestPath}), {@code Range} ({@link RangeRequest}) and the conditional headers
 * ({@code If-None-Match} through {@link EntityTags}, {@code If-Modified-Since} / {@code If-Range}
 * dates through {@link HttpDate#parse}, as {@code StaticFileRoute} calls them). Strings are
 * made from the bytes as ISO-8859-1, which is how Netty's HTTP decoder hands header bytes over.
 *
 * <p>Contract: none of them throws. A path it accepts is absolute, free of control characters,
 * backslashes and {@code .}/{@code ..} segments, and stays under the served root when resolved;
 * a range it honours lies inside the file.
 */
class HttpRequestPartsFuzzTest {
  private static final Path ROOT = Path.of("/srv/streams");

  @FuzzTest(maxDuration = "10m")
  void requestParts(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0 -> path(latin1(data));
      // Not consumeLong(0, Long.MAX_VALUE): Jazzer 0.24's range arithmetic overflows there and can
      // return a negative size, which no file has (the first finding of this harness was that).
      case 1 -> range(data.consumeLong() & Long.MAX_VALUE, latin1(data));
      default -> conditional(latin1(data));
    }
  }

  private static String latin1(FuzzedDataProvider data) {
    return new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
  }

  private static void path(String target) {
    Optional<String> decoded = RequestPath.decode(target);
    if (decoded.isEmpty()) {
      return;
    }
    String p = decoded.get();
    assertThat(p).startsWith("/").doesNotContain("//", "\\", "\0");
    for (String segment : p.substring(1).split("/", -1)) {
      assertThat(segment).isNotIn(".", "..");
    }
    assertThat(p.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("no control characters in %s", p).isTrue();
    assertThat(ROOT.resolve(p.substring(1)).normalize().startsWith(ROOT)).as("stays under the root: %s", p).isTrue();
  }

  private static void range(long size, String header) {
    RangeRequest r = RangeRequest.parse(header, size);
    if (r instanceof RangeRequest.Part part) {
      assertThat(part.first()).isBetween(0L, part.last());
      assertThat(part.last()).isLessThan(size);
      assertThat(part.length()).isPositive();
    }
  }

  private static void conditional(String header) {
    EntityTags.noneMatchHits(header, "\"1f-17a2b3c4d5e6f-3e8\"");
    HttpDate.parse(header);
    HttpDate.parse(header.trim());
  }
}
