// Hint URL rules (§3 hints) against verdicts recorded from java.net.URI, which the Java verifier
// uses: each URL below was run through the Java HintUrls.problem logic (schemes http, https, ws,
// wss) with JDK 21 and the result written next to it. The JS validator must agree on every one.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hintUrlProblem } from '../../../main/js/trust/index.js';

const JAVA_VERDICTS = [
  ['OK', 'https://origin.example/'],
  ['OK', 'https://origin.example'],
  ['OK', 'http://origin.example:8080/path/x?y=1&z=%20'],
  ['NO', 'https://origin.example/#frag'],
  ['NO', 'https://origin.example/#'],
  ['NO', 'https://user@origin.example/'],
  ['NO', 'https://user:pw@origin.example/'],
  ['NO', 'HTTPS://origin.example/'],
  ['NO', 'ftp://origin.example/'],
  ['NO', 'https:origin.example'],
  ['NO', 'https:/origin.example'],
  ['NO', 'https:///path'],
  ['NO', 'https://'],
  ['OK', 'https://origin.example:/'],
  ['OK', 'https://origin.example:99999/'],
  ['NO', 'https://origin.example:2147483648/'],
  ['NO', 'https://origin.example:8080:90/'],
  ['OK', 'https://1.2.3.4/'],
  ['NO', 'https://1.2.3.256/'],
  ['NO', 'https://1.2.3/'],
  ['OK', 'https://01.02.03.04/'],
  ['OK', 'https://[::1]/'],
  ['OK', 'https://[2001:db8::1]:8443/x'],
  ['OK', 'https://[::ffff:1.2.3.4]/'],
  ['OK', 'https://[1:2:3:4:5:6:7:8]/'],
  ['NO', 'https://[1:2:3:4:5:6:7:8:9]/'],
  ['OK', 'https://[::1%25eth0]/'],
  ['NO', 'https://[zz::1]/'],
  ['OK', 'https://localhost/'],
  ['OK', 'https://a.b-c.d/'],
  ['NO', 'https://-a.example/'],
  ['NO', 'https://a-.example/'],
  ['NO', 'https://a..b/'],
  ['OK', 'https://example.com./'],
  ['NO', 'https://host.123/'],
  ['OK', 'https://123/'],
  ['NO', 'https://my_host.example/'],
  ['NO', 'https://ex\u00e4mple.com/'],
  ['OK', 'https://example.com/p\u00e4th'],
  ['NO', 'https://example.com/pa th'],
  ['NO', 'https://example.com/a|b'],
  ['NO', 'https://example.com/a\\b'],
  ['NO', 'https://example.com/a{b}'],
  ['NO', 'https://example.com/a^b'],
  ['NO', 'https://example.com/a`b'],
  ['NO', 'https://example.com/a"b'],
  ['NO', 'https://example.com/a<b>'],
  ['NO', 'https://example.com/%zz'],
  ['NO', 'https://example.com/%2'],
  ['OK', 'https://example.com/%2F'],
  ['OK', 'https://example.com/?q=[1]'],
  ['NO', 'https://example.com/[1]'],
  ['OK', 'https://example.com/?q=a?b'],
  ['NO', 'https://example.com/?q=%'],
  ['OK', 'https://example.com/;x=1,y=2@:&=+$'],
  ['OK', "https://example.com/~user/*'()!"],
  ['NO', 'https://example.com/a b'],
  ['NO', 'https://example.com/\tx'],
  ['NO', 'https://example.com/\u0085'],
  ['OK', 'https://example.com:8080?x'],
  ['OK', 'wss://tracker.example/announce'],
  ['OK', 'ws://tracker.example:8000'],
  ['NO', 'https://ex ample.com/'],
  ['NO', 'https://example.com/?a=b#'],
  ['NO', 'https://exa%41mple.com/'],
];

test(`hint URLs: ${JAVA_VERDICTS.length} verdicts agree with java.net.URI`, () => {
  for (const [expected, url] of JAVA_VERDICTS) {
    const problem = hintUrlProblem(url, ['http', 'https', 'ws', 'wss']);
    assert.equal(problem === null ? 'OK' : 'NO', expected, `${JSON.stringify(url)}: ${problem}`);
  }
});

test('schemes are per list and case-sensitive; length is bounded', () => {
  assert.equal(hintUrlProblem('https://o.example/', ['http', 'https']), null);
  assert.match(hintUrlProblem('wss://o.example/', ['http', 'https']), /scheme/);
  assert.match(hintUrlProblem('https://o.example/', ['ws', 'wss']), /scheme/);
  assert.equal(hintUrlProblem(`https://o.example/${'a'.repeat(2048 - 18)}`, ['https']), null);
  assert.match(hintUrlProblem(`https://o.example/${'a'.repeat(2049 - 18)}`, ['https']), /longer/);
});
