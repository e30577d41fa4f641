// Stand-ins for the platforms' complaint pages: Xiaohongshu's 权利保护中心 (ipp.xiaohongshu.com) and Weibo's
// report page and copyright guide. Forms the artist fills in themselves — they only show which post they were
// opened for, so a test can tell the report page opened the right one. Nothing is ever submitted. Which hosts
// are complaint pages is the site records' (src/sites).
import type { ServerResponse } from 'node:http';
import { esc, htmlPage, sendHtml } from './html';

const STYLE = 'body{font:15px system-ui,sans-serif;margin:40px} label{display:block;margin:8px 0}';

export function serveComplaint(host: string, url: URL, res: ServerResponse): void {
  if (host === 'ipp.xiaohongshu.com') {
    const note = url.searchParams.get('noteId') ?? '';
    return sendHtml(res, htmlPage({
      title: '小红书权利保护中心', style: STYLE,
      body: `<h1>权利保护中心 · 侵权投诉</h1><p data-note-id="${esc(note)}">投诉笔记：${esc(note)}</p>
<label>权利人姓名 <input name="name"></label><label>侵权链接 <input name="url"></label>
<label>通知书 <textarea name="notice"></textarea></label><button type="button">提交</button>`,
    }));
  }
  if (host === 'service.account.weibo.com' && url.pathname === '/reportspam') {
    const rid = url.searchParams.get('rid') ?? '';
    return sendHtml(res, htmlPage({
      title: '微博举报', style: STYLE,
      body: `<h1>举报微博</h1><p data-rid="${esc(rid)}">被举报微博：${esc(rid)}</p>
<label><input type="radio" name="type"> 侵犯我的权益（著作权）</label><button type="button">提交</button>`,
    }));
  }
  if (host === 'kefu.weibo.com') {
    return sendHtml(res, htmlPage({ title: '微博客服 · 版权投诉指引', style: STYLE, body: '<h1>版权投诉指引</h1>' }));
  }
  res.writeHead(404).end();
}
