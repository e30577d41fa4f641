// The addresses the extension refuses to fetch (a page can name any of them in an <img>), judged from the URL as
// the browser parses it: every spelling of an internal IP literal, local names, and non-web schemes.
import { describe, expect, test } from 'vitest';
import { fetchRefusal } from '../../src/shared/address';

describe('internal addresses are refused', () => {
  test.each([
    // Loopback, in the spellings the URL parser accepts for the same address.
    'http://127.0.0.1:8080/x.jpg', 'https://127.1.2.3/x', 'http://2130706433/x', 'http://0x7f.1/x', 'http://0177.0.0.1/x',
    'http://0.0.0.0/x', 'http://0/x',
    // Private, link-local (cloud metadata), carrier-grade NAT.
    'http://10.0.0.5/x', 'http://172.16.0.1/x', 'http://172.31.255.255/x', 'http://192.168.1.1/router.png',
    'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/x', 'http://100.127.255.254/x',
    // IPv6: loopback, unspecified, unique local, link-local, and IPv4 addresses wrapped in IPv6 forms.
    'http://[::1]/x', 'http://[::]/x', 'http://[fc00::1]/x', 'http://[fd12:3456::1]/x', 'http://[fe80::1]/x',
    'http://[::ffff:127.0.0.1]/x', 'http://[::ffff:192.168.0.1]/x', 'http://[64:ff9b::a00:1]/x', 'http://[2002:c0a8:101::1]/x',
    // Local names.
    'http://localhost/x', 'http://LOCALHOST./x', 'http://app.localhost:3000/x', 'http://printer.local/x',
    'http://metadata.google.internal/x', 'http://nas.home.arpa/x', 'http://router/x',
  ])('%s', (url) => {
    expect(fetchRefusal(url)).toBe('internal-address');
  });
});

describe('the web is fetched', () => {
  test.each([
    'https://ci.xiaohongshu.com/1040g2sg31abc', 'https://sns-webpic-qc.xhscdn.com/202601/abc/x!nd_dft', 'https://wx1.sinaimg.cn/large/abc.jpg',
    'https://art.example.test/images/work-1.jpg', 'http://8.8.8.8/x', 'https://172.32.0.1/x', 'https://100.128.0.1/x',
    'https://192.169.0.1/x', 'https://[2606:4700:4700::1111]/x', 'https://localhost.example.com/x',
    // The gallery's own pictures travel as data: URLs; they never leave the browser.
    'data:image/jpeg;base64,/9j/4AAQ',
  ])('%s', (url) => {
    expect(fetchRefusal(url)).toBeNull();
  });
});

test('schemes other than the web\'s are refused', () => {
  for (const url of ['file:///etc/passwd', 'ftp://example.com/x.jpg', 'chrome://settings', 'javascript:alert(1)', 'not a url']) {
    expect(fetchRefusal(url), url).toBe('bad-scheme');
  }
});
