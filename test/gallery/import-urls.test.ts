import { describe, expect, it } from 'vitest';
import { MAX_URLS, nameOf, parseUrlList, rankPictures } from '../../src/gallery/import-urls';

describe('parseUrlList: what the artist pasted', () => {
  it('keeps http(s) links in order, once, and reports the rest', () => {
    const { urls, refused } = parseUrlList(`https://a.example/1.png\n  https://a.example/1.png  http://b.example/page
      javascript:alert(1) file:///etc/passwd not-a-link`);
    expect(urls).toEqual(['https://a.example/1.png', 'http://b.example/page']);
    expect(refused).toEqual(['javascript:alert(1)', 'file:///etc/passwd', 'not-a-link']);
  });
  it('bounds the list', () => {
    const many = Array.from({ length: MAX_URLS + 3 }, (_, i) => `https://a.example/${i}.png`).join('\n');
    const { urls, refused } = parseUrlList(many);
    expect(urls).toHaveLength(MAX_URLS);
    expect(refused).toHaveLength(3);
  });
});

describe('rankPictures: the pictures a page shows', () => {
  it('puts og:image first, resolves relative links, skips icons and non-http sources', () => {
    const found = [
      { src: 'a.png', og: false }, { src: 'icon.png', og: false, width: 32 }, { src: 'data:image/png;base64,AA', og: false },
      { src: 'javascript:x', og: false }, { src: 'https://cdn.example/b.webp', og: false }, { src: '/cover.jpg', og: true },
      { src: 'a.png', og: false },
    ];
    expect(rankPictures(found, 'https://art.example/works/')).toEqual([
      'https://art.example/cover.jpg', 'https://art.example/works/a.png', 'https://cdn.example/b.webp',
    ]);
  });
  it('names a picture by its file', () => {
    expect(nameOf('https://cdn.example/works/%E6%98%A5%E7%8B%90.png?x=1')).toBe('春狐.png');
    expect(nameOf('https://cdn.example/')).toBe('cdn.example');
  });
});

describe('fetchLink and private addresses', () => {
  it('a link to the local machine or the home network is refused before any request', async () => {
    const { fetchLink: get } = await import('../../src/gallery/import-urls');
    for (const url of ['http://127.0.0.1:8080/a.png', 'http://192.168.1.1/cam.jpg', 'http://localhost/x.png', 'http://[::1]/x.png']) {
      await expect(get(url)).rejects.toThrow(/private or local/);
    }
  });
});
