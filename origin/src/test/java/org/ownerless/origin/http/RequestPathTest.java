package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/streams/abc/show/master.m3u8 | /streams/abc/show/master.m3u8",
    "/streams/abc/show/master.m3u8?_HLS_msn=4 | /streams/abc/show/master.m3u8",
    "/watch/abc/my%20show | /watch/abc/my show",
    "/a+b | /a+b",
    "/caf%C3%A9 | /café",
    "/streams/ | /streams/",
    "/ | /",
    "/streams/abc/.announce.json.tmp | /streams/abc/.announce.json.tmp",
    "/a..b/c | /a..b/c",
  })
  void ordinaryTargetsDecodeToTheirPath(String target, String path) {
    assertThat(RequestPath.decode(target)).contains(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "*", "streams/x", "http://host/x",
    "/..", "/a/../b", "/a/./b", "/.", "/a/.", "/a/..",
    "/%2e%2e/x", "/%2E/x", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b",
    "/a%00b", "/a%0ab", "/a%7fb", "/a\tb",
    "//x", "/a//b", "/a/%2F/b",
    "/%", "/%4", "/%zz", "/%ff",
  })
  void ambiguousOrDangerousTargetsAreRefused(String target) {
    assertThat(RequestPath.decode(target)).isEmpty();
  }
}
