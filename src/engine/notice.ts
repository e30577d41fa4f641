// The takedown notice an artist sends: Chinese under 《信息网络传播权保护条例》第十四条 and 《民法典》第一千一百九十五条,
// English under 17 U.S.C. §512(c)(3)(A). Inkseal never submits it; the artist reads it, signs and copies it.
// Pure: plain facts in, text out. Like all of src/engine it imports nothing outside src/engine, so the shapes it
// reads are declared here (src/shared/types' Identity and WorkFacts satisfy them; the test checks it).

/** The artist's identity as the notice states it. */
export interface NoticeIdentity {
  name: string;
  email: string;
  phone: string;
  address: string;
  /** Typed name used as the electronic signature. */
  signature: string;
}

export interface NoticeFacts {
  /** Adapter id: 'xiaohongshu' | 'weibo' | 'generic'. */
  site: string;
  platform: { zh: string; en: string };
  postUrl: string;
  postId: string;
  /** The stable image URL. */
  imageUrl: string;
  displayUrl: string;
  author?: string;
  /** The author's profile URL. */
  authorId?: string;
  /** ms since the epoch, and the IANA zone of the capturing browser. */
  capturedAt: number;
  timeZone: string;
  kind: 'copy' | 'edit';
  /** 0..1 */
  score: number;
  /** 'mirror-x', 'cropped', 'framed', … */
  transform?: string;
  /** Which signal decided: 'hash' | 'global' | 'regional'. */
  method: string;
  engineVersion: string;
  postSha256?: string;
  workSha256: string;
  work: { title: string; addedAt: number; created?: string; firstPublishedUrl?: string; firstPublishedAt?: string };
}

type Lang = 'zh' | 'en';

const NOT_RECORDED: Record<Lang, string> = { zh: '未记录', en: 'not recorded' };

/** Words for the verdict's transform (engine/hash DIHEDRAL_NAMES, plus the regional and second-stage cases). */
const TRANSFORMS: Record<string, Record<Lang, string>> = {
  'mirror-x': { zh: '左右镜像翻转', en: 'mirrored left to right' },
  'mirror-y': { zh: '上下镜像翻转', en: 'mirrored top to bottom' },
  rot180: { zh: '旋转180度', en: 'rotated 180°' },
  rot90: { zh: '顺时针旋转90度', en: 'rotated 90° clockwise' },
  rot270: { zh: '逆时针旋转90度', en: 'rotated 90° counter-clockwise' },
  transpose: { zh: '沿主对角线翻转', en: 'flipped along the main diagonal' },
  'anti-transpose': { zh: '沿副对角线翻转', en: 'flipped along the anti-diagonal' },
  cropped: { zh: '从作品中裁剪出一部分', en: 'cropped from the work' },
  framed: { zh: '作品被置于更大的画面中（截图、拼图或加框）', en: 'the work placed inside a larger picture (a screenshot, collage or frame)' },
  rotated: { zh: '作品被小角度旋转', en: 'the work turned by a small angle' },
  collage: { zh: '作品被拼入九宫格或拼图', en: 'the work used as one picture of a collage' },
  'screen-photo': { zh: '翻拍显示作品的屏幕', en: 'a photograph of a screen showing the work' },
  stickers: { zh: '作品上被贴了贴纸或表情', en: 'the work with stickers or emoji pasted over it' },
  watermark: { zh: '作品上被加了文字或水印', en: 'the work with text or a watermark laid over it' },
  inverted: { zh: '作品被反色（明暗颠倒）', en: 'the work with its colours inverted (a negative)' },
  'inverted-mirror-x': { zh: '作品被左右镜像并反色', en: 'the work mirrored left to right, its colours inverted' },
};

const METHODS: Record<string, Record<Lang, string>> = {
  hash: { zh: '感知哈希比对（像素级一致）', en: 'perceptual hash (pixel-level match)' },
  global: { zh: '整图特征相似度比对', en: 'whole-image embedding similarity' },
  regional: { zh: '局部区域特征相似度比对', en: 'region-to-region embedding similarity' },
  local: { zh: '局部特征点几何比对（同一映射对齐两图）', en: 'keypoints aligned by one geometric mapping' },
  overlay: { zh: '整图与作品逐边叠合比对明暗', en: 'the whole picture laid over the work, light and dark compared' },
  screen: { zh: '作品与图中屏幕叠合比对明暗', en: 'the work laid over the screen in the picture, light and dark compared' },
  stickers: { zh: '整图与作品叠合比对明暗，贴纸或文字处不计', en: 'the whole picture laid over the work, light and dark compared, what was pasted over it set aside' },
};

const KINDS: Record<NoticeFacts['kind'], Record<Lang, string>> = {
  copy: { zh: '复制件（与权利作品相同，或仅经翻转、旋转）', en: 'a copy of the work (identical, or only mirrored or rotated)' },
  edit: { zh: '经修改的复制件（对权利作品裁剪或嵌入后使用）', en: 'an edited copy of the work (cropped from it, or with the work placed inside it)' },
};

/** A moment as evidence states it: ISO 8601 UTC, the wall-clock time where it was captured, and that day. */
export function timeStamp(ms: number, timeZone: string): { utc: string; local: string; day: string } {
  const utc = new Date(ms).toISOString();
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', timeZoneName: 'longOffset',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(ms);
    const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
    const day = `${p('year')}-${p('month')}-${p('day')}`;
    return { utc, local: `${day} ${p('hour')}:${p('minute')}:${p('second')} ${p('timeZoneName')} (${timeZone})`, day };
  } catch {
    // An unknown zone name (RangeError): no local time rather than one in a zone that was not the capture's.
    return { utc, local: '', day: utc.slice(0, 10) };
  }
}

/** Which identity fields are empty (the report page asks for them before copying). */
export function missingIdentity(who: Partial<NoticeIdentity>): (keyof NoticeIdentity)[] {
  const keys: (keyof NoticeIdentity)[] = ['name', 'email', 'phone', 'address', 'signature'];
  return keys.filter((k) => !who[k]?.trim());
}

export function buildNotice(lang: Lang, facts: NoticeFacts, who: NoticeIdentity, now: number = Date.now()): string {
  return (lang === 'zh' ? zhNotice : enNotice)(facts, who, now).join('\n');
}

/** Every optional fact goes through this: a notice must never say "undefined". */
const or = (lang: Lang, value: string | undefined | null) => (value?.trim() ? value.trim() : NOT_RECORDED[lang]);

const percent = (score: number) => `${(Math.min(1, Math.max(0, score)) * 100).toFixed(1)}%`;

function words(table: Record<string, Record<Lang, string>>, key: string | undefined, lang: Lang, none: string): string {
  if (!key) return none;
  const w = table[key]?.[lang];
  return w ? `${w} (${key})` : key;
}

function zhNotice(f: NoticeFacts, who: NoticeIdentity, now: number): string[] {
  const o = (v: string | undefined) => or('zh', v);
  const captured = timeStamp(f.capturedAt, f.timeZone);
  return [
    '侵权通知书',
    '',
    `致：${f.platform.zh}（${f.platform.en}）`,
    '',
    `本人依据《信息网络传播权保护条例》第十四条及《民法典》第一千一百九十五条，就${f.platform.zh}上侵害本人作品著作权（信息网络传播权）的内容通知如下。`,
    '',
    '（一）权利人的姓名（名称）、联系方式和地址',
    `姓名（名称）：${o(who.name)}`,
    `电话：${o(who.phone)}`,
    `电子邮箱：${o(who.email)}`,
    `地址：${o(who.address)}`,
    '',
    '（二）要求删除或者断开链接的侵权作品的名称和网络地址',
    `侵权帖子地址：${o(f.postUrl)}`,
    `帖子编号：${o(f.postId)}`,
    `侵权图片地址：${o(f.imageUrl)}`,
    `页面显示的图片地址：${o(f.displayUrl)}`,
    `发布者：${o(f.author)}`,
    `发布者主页：${o(f.authorId)}`,
    '',
    '（三）构成侵权的初步证明材料',
    `1. 权利作品：《${o(f.work.title)}》`,
    `   创作日期：${o(f.work.created)}`,
    `   首次发表地址：${o(f.work.firstPublishedUrl)}`,
    `   首次发表日期：${o(f.work.firstPublishedAt)}`,
    `   收入墨印作品库时间：${timeStamp(f.work.addedAt, 'UTC').utc}`,
    `2. 比对结果：上述图片为权利作品的${KINDS[f.kind].zh}`,
    `   相似度：${percent(f.score)}`,
    `   变换：${words(TRANSFORMS, f.transform, 'zh', '无')}`,
    `   判定方法：${words(METHODS, f.method, 'zh', o(undefined))}`,
    `   检测引擎版本：${o(f.engineVersion)}`,
    `3. 取证时间：${captured.utc}（UTC）；${o(captured.local)}（取证地时间）`,
    '4. 图片文件的 SHA-256 校验值：',
    `   侵权图片：${o(f.postSha256)}`,
    `   权利作品：${o(f.workSha256)}`,
    '   比对由墨印（Inkseal）在权利人本机完成；上述图片文件、截图及校验值可随时提供。',
    '',
    '（四）通知要求',
    `依据《民法典》第一千一百九十五条（第1195条）及《信息网络传播权保护条例》第十四条，请${f.platform.zh}及时删除上述侵权内容或者断开与之的链接，并将本通知转送发布者。`,
    '',
    '（五）声明',
    '权利人对通知书的真实性负责。本人确认上述信息真实、准确，本人是上述作品的著作权人或经其授权。',
    '',
    `签名：${o(who.signature)}`,
    `日期：${timeStamp(now, f.timeZone).day}`,
  ];
}

function enNotice(f: NoticeFacts, who: NoticeIdentity, now: number): string[] {
  const o = (v: string | undefined) => or('en', v);
  const captured = timeStamp(f.capturedAt, f.timeZone);
  return [
    'NOTICE OF COPYRIGHT INFRINGEMENT',
    '',
    `To: ${f.platform.en} (${f.platform.zh}), designated copyright agent`,
    '',
    'This notification is submitted under 17 U.S.C. §512(c)(3)(A).',
    '',
    'Identification of the copyrighted work — §512(c)(3)(A)(ii)',
    `Title: ${o(f.work.title)}`,
    `Created: ${o(f.work.created)}`,
    `First published at: ${o(f.work.firstPublishedUrl)}`,
    `First published on: ${o(f.work.firstPublishedAt)}`,
    '',
    'Identification of the infringing material and information reasonably sufficient to locate it — §512(c)(3)(A)(iii)',
    `Post URL: ${o(f.postUrl)}`,
    `Post ID: ${o(f.postId)}`,
    `Image URL: ${o(f.imageUrl)}`,
    `Image URL as displayed: ${o(f.displayUrl)}`,
    `Posted by: ${o(f.author)}`,
    `Poster's profile: ${o(f.authorId)}`,
    'I request that you remove or disable access to this material.',
    '',
    'Evidence',
    `Finding: ${KINDS[f.kind].en}`,
    `Similarity score: ${percent(f.score)}`,
    `Transform: ${words(TRANSFORMS, f.transform, 'en', 'none')}`,
    `Method: ${words(METHODS, f.method, 'en', o(undefined))}`,
    `Engine version: ${o(f.engineVersion)}`,
    `Captured: ${captured.utc} (UTC); ${o(captured.local)} (local time of capture)`,
    `SHA-256 of the infringing picture: ${o(f.postSha256)}`,
    `SHA-256 of the copyrighted work: ${o(f.workSha256)}`,
    `Work added to my Inkseal gallery: ${timeStamp(f.work.addedAt, 'UTC').utc}`,
    'The comparison was made by Inkseal on my own device; the picture files, screenshot and hashes are available on request.',
    '',
    'Contact information — §512(c)(3)(A)(iv)',
    `Name: ${o(who.name)}`,
    `Address: ${o(who.address)}`,
    `Phone: ${o(who.phone)}`,
    `Email: ${o(who.email)}`,
    '',
    'Good-faith statement — §512(c)(3)(A)(v)',
    'I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
    '',
    'Accuracy and authority — §512(c)(3)(A)(vi)',
    'I swear that the information in this notification is accurate and, under penalty of perjury, that I am the owner, or authorized to act on behalf of the owner, of an exclusive right that is allegedly infringed.',
    '',
    'Signature — §512(c)(3)(A)(i)',
    `/s/ ${o(who.signature)}`,
    `Date: ${timeStamp(now, f.timeZone).day}`,
  ];
}
