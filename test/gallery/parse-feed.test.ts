// Synced sources: what an RSS, Atom, JSON Feed or plain JSON list of works gives the gallery, and what it refuses.
import { describe, expect, test } from 'vitest';
import { FeedError, MAX_ITEMS, parseFeed } from '../../src/gallery/sources/parse-feed';

const BASE = 'https://art.example.test/feed.xml';

describe('parseFeed', () => {
  test('RSS 2.0: enclosure, media:content or a picture in the description; link, guid, date, categories', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>我的作品</title>
      <item><title><![CDATA[春天的狐狸]]></title><link>https://art.example.test/p/1</link><guid>fox-1</guid>
        <pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate><category>狐狸</category><category>watercolour</category>
        <enclosure url="/images/fox.jpg" type="image/jpeg" length="1"/></item>
      <item><title>Owl &amp; moon</title><link>https://art.example.test/p/2</link>
        <media:content url="https://cdn.example.test/owl.png" medium="image"/></item>
      <item><title>Only text</title><link>https://art.example.test/p/3</link><description>no picture here</description></item>
      <item><title>In HTML</title><link>https://art.example.test/p/4</link>
        <description>&lt;p&gt;new&lt;/p&gt;&lt;img src="https://art.example.test/images/4.png?a=1&amp;amp;b=2"&gt;</description></item>
    </channel></rss>`;
    const { kind, items } = parseFeed(rss, BASE);
    expect(kind).toBe('rss');
    expect(items).toEqual([
      { key: 'fox-1', image: 'https://art.example.test/images/fox.jpg', page: 'https://art.example.test/p/1', title: '春天的狐狸', published: '2024-03-01', tags: ['狐狸', 'watercolour'] },
      { key: 'https://art.example.test/p/2', image: 'https://cdn.example.test/owl.png', page: 'https://art.example.test/p/2', title: 'Owl & moon', published: undefined },
      { key: 'https://art.example.test/p/4', image: 'https://art.example.test/images/4.png?a=1&b=2', page: 'https://art.example.test/p/4', title: 'In HTML', published: undefined },
    ]);
  });

  test('Atom: the alternate link, not the self or edit link; the picture in its content', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>tag:art,2024:1</id><title type="html">Crane</title>
        <link rel="edit" href="https://art.example.test/edit/1"/><link rel="alternate" href="/works/crane"/>
        <published>2024-05-06T08:00:00+08:00</published><category term="birds"/>
        <content type="html">&lt;img src='/images/crane.webp'&gt;</content></entry></feed>`;
    expect(parseFeed(atom, BASE)).toEqual({ kind: 'atom', items: [{
      key: 'tag:art,2024:1', image: 'https://art.example.test/images/crane.webp', page: 'https://art.example.test/works/crane',
      title: 'Crane', published: '2024-05-06', tags: ['birds'],
    }] });
  });

  test('JSON Feed and a plain JSON list of works', () => {
    const feed = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [
      { id: 'a', url: 'https://art.example.test/a', title: 'A', date_published: '2023-12-31T23:00:00Z', image: 'https://art.example.test/a.png', tags: ['x'] },
      { id: 'b', url: 'https://art.example.test/b', attachments: [{ url: '/b.jpg', mime_type: 'image/jpeg' }] },
    ] });
    expect(parseFeed(feed, BASE).kind).toBe('jsonfeed');
    expect(parseFeed(feed, BASE).items.map((i) => [i.key, i.image, i.published])).toEqual([
      ['a', 'https://art.example.test/a.png', '2023-12-31'], ['b', 'https://art.example.test/b.jpg', undefined],
    ]);
    const list = JSON.stringify({ works: [{ image: 'w1.png', title: '一', published: '2024-01-02' }, { picture: 'javascript:alert(1)' }] });
    expect(parseFeed(list, BASE)).toEqual({ kind: 'json', items: [{ key: 'https://art.example.test/w1.png', image: 'https://art.example.test/w1.png', page: undefined, title: '一', published: '2024-01-02' }] });
  });

  test('refuses what is not a feed, and a feed without pictures; repeats and excess are dropped', () => {
    expect(() => parseFeed('<html><body>hello</body></html>', BASE)).toThrow(FeedError);
    expect(() => parseFeed('{"broken": ', BASE)).toThrow(/not-a-feed/);
    expect(() => parseFeed('<rss><channel><item><title>x</title></item></channel></rss>', BASE)).toThrow(/no-pictures/);
    const many = JSON.stringify(Array.from({ length: MAX_ITEMS + 50 }, (_, i) => ({ id: String(i % (MAX_ITEMS + 10)), image: `https://x.test/${i}.png` })));
    const items = parseFeed(many, BASE).items;
    expect(items.length).toBe(MAX_ITEMS);
    expect(new Set(items.map((i) => i.key)).size).toBe(MAX_ITEMS);
  });
});
