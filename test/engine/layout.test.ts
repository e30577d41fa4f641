// The layout finders on pictures made here: a collage's tiles are found where they are (with gutters and
// without), a framed picture's inside is found, a tilt's corners are found, a chat thumbnail is found apart from
// its avatar and inside its bubble, a screen's corners are found inside its bezel in a lit room, a picture
// letterboxed on a phone in a dim room is found between its bars, a picture pasted slanted onto another is found
// in square and oblong posts, and an ordinary picture yields none of them.
import { describe, expect, it } from 'vitest';
import { bezelQuad, collageTiles, framedRects, iou, pastedQuad, peelBubble, pictureBoxes, screenQuad, tiltQuad } from '../../src/engine/layout';
import { resample, FULL, type Box, type Raster } from '../../src/engine/image';
import { homography, apply, rotatedRect, warpQuad, type Quad } from '../../src/engine/geometry';
import { queryRegions } from '../../src/engine/regions';
import { canvas, painting, paste, turned } from '../support/pictures';

const overview = (r: Raster) => resample(r, FULL, 224, 224);

/** Each found corner within 3 % of the picture of the true one. */
function expectCorners(found: Quad | null, quad: Quad): void {
  expect(found).not.toBeNull();
  found!.forEach((p, i) => {
    expect(Math.abs(p.x - quad[i]!.x)).toBeLessThan(0.03);
    expect(Math.abs(p.y - quad[i]!.y)).toBeLessThan(0.03);
  });
}

function grid(rows: number, cols: number, gutter: number, cell: number): { img: Raster; cells: Box[] } {
  const W = cols * cell + (cols + 1) * gutter, H = rows * cell + (rows + 1) * gutter;
  const img = canvas(W, H, [255, 255, 255]);
  const cells: Box[] = [];
  for (let i = 0; i < rows * cols; i++) {
    const x = gutter + (i % cols) * (cell + gutter), y = gutter + Math.floor(i / cols) * (cell + gutter);
    paste(img, painting(cell, cell, 100 + i), x, y);
    cells.push({ x: x / W, y: y / H, w: cell / W, h: cell / H });
  }
  return { img, cells };
}

describe('collageTiles', () => {
  it('finds every tile of a 3×3 grid with white gutters, in reading order', () => {
    const { img, cells } = grid(3, 3, 12, 200);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(9);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('finds a 2×2 grid with no gutter from the seams between pictures', () => {
    const { img, cells } = grid(2, 2, 0, 300);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(4);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('finds a gutterless 3×3 grid whose row seams show in one column only (clip art on plain tiles beside it)', () => {
    // Column 0: three paintings stacked. Columns 1 and 2: plain tiles (white, then grey) with a small drawing each,
    // so the rows' seams cross only a third of the picture and the picture reads as three columns at first.
    const cell = 200, img = canvas(3 * cell, 3 * cell, [255, 255, 255]);
    for (let r = 0; r < 3; r++) {
      // The middle painting in shadow, so the seams above and below it are plain steps.
      const tile = painting(cell, cell, 40 + r);
      if (r === 1) tile.data.forEach((v, i) => { tile.data[i] = v * 0.35; });
      paste(img, tile, 0, r * cell);
      paste(img, canvas(cell, cell, [150, 150, 150]), 2 * cell, r * cell);
      for (const c of [1, 2]) paste(img, painting(50, 50, 60 + 3 * r + c), c * cell + 75, r * cell + 75);
    }
    const tiles = collageTiles(overview(img));
    expect(tiles.length).toBeGreaterThanOrEqual(7);
    for (let r = 0; r < 3; r++) {
      const painted = { x: 0, y: r / 3, w: 1 / 3, h: 1 / 3 };
      expect(Math.max(...tiles.map((t) => iou(t, painted)))).toBeGreaterThan(0.85);
    }
  });

  it('finds a gutterless 3×3 grid of mostly white tiles, whose seams show only tile by tile', () => {
    // Three paintings among six white tiles with a small drawing each (top left, and down the right column): the
    // whole-line reading finds only the columns (three strips), no strip holds both row cuts, but every cut line
    // steps along at least one tile.
    const cell = 200, img = canvas(3 * cell, 3 * cell, [255, 255, 255]);
    const painted = new Set([0, 5, 8]);
    for (let i = 0; i < 9; i++) {
      const x = (i % 3) * cell, y = Math.floor(i / 3) * cell;
      if (painted.has(i)) paste(img, painting(cell, cell, 70 + i), x, y);
      else paste(img, painting(50, 50, 90 + i), x + 75, y + 75);
    }
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(9);
    for (const i of painted) expect(iou(tiles[i]!, { x: (i % 3) / 3, y: Math.floor(i / 3) / 3, w: 1 / 3, h: 1 / 3 })).toBeGreaterThan(0.85);
  });

  it('finds a gutterless 3×3 grid one of whose cut lines no seam crosses', () => {
    // Each row: a plain band across the first two tiles (cream, dark brown, white) with a small drawing on each
    // tile, and a painting in the third. The row lines and the right cut line step all along; the left one runs
    // through the bands, so the lines read three rows and no strip holds both column cuts.
    const cell = 200, img = canvas(3 * cell, 3 * cell, [255, 255, 255]);
    const bands: [number, number, number][] = [[240, 232, 210], [40, 30, 24], [255, 255, 255]];
    for (let r = 0; r < 3; r++) {
      paste(img, canvas(2 * cell, cell, bands[r]!), 0, r * cell);
      paste(img, painting(cell, cell, 140 + r), 2 * cell, r * cell);
      for (const c of [0, 1]) paste(img, painting(60, 60, 150 + 3 * r + c), c * cell + 70, r * cell + 70);
    }
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(9);
    for (let r = 0; r < 3; r++) expect(iou(tiles[3 * r + 2]!, { x: 2 / 3, y: r / 3, w: 1 / 3, h: 1 / 3 })).toBeGreaterThan(0.85);
  });

  it('finds a gutterless 2×2 grid of which one tile alone stands apart, gently', () => {
    // One picture across three tiles and the same picture a little lighter in the fourth (top left): each cut line
    // steps along that tile only, half its length, too gently for the whole line to count.
    const img = painting(600, 600, 171);
    for (let y = 0; y < 300; y++) for (let x = 0; x < 300; x++) for (let k = 0; k < 3; k++) {
      const o = (y * 600 + x) * 3 + k;
      img.data[o] = Math.min(255, img.data[o]! + 18);
    }
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(4);
    tiles.forEach((t, i) => expect(iou(t, { x: (i % 2) / 2, y: Math.floor(i / 2) / 2, w: 0.5, h: 0.5 })).toBeGreaterThan(0.85));
  });

  it('sees no grid in a horizon with a post standing in the middle of the ground', () => {
    // One seam across the whole picture (the horizon) is weak evidence; the post's edge, too short to count across
    // the whole picture but most of the ground's height, does not make it a 2×2 collage.
    const img = canvas(600, 600, [255, 255, 255]);
    paste(img, painting(600, 300, 81), 0, 0);
    const ground = painting(600, 300, 82);
    ground.data.forEach((v, i) => { ground.data[i] = v * 0.35; });
    paste(img, ground, 0, 300);
    paste(img, canvas(24, 180, [250, 250, 250]), 288, 300);
    expect(collageTiles(overview(img))).toEqual([]);
  });

  it('keeps a row of three pictures as three tiles, not nine', () => {
    const { img, cells } = grid(1, 3, 12, 200);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(3);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('reads a 2×2 grid by its gutters, though stripes in its tiles step near the thirds', () => {
    // A flag of bands beside a painting (an independently made set's storm photo beside Botswana's flag): the bands'
    // edges step across half the picture at a third and two thirds of its height, where three rows would cut.
    const { img, cells } = grid(2, 2, 16, 300);
    const band = (stepAt: number, top: [number, number, number], bottom: [number, number, number]) => {
      const flag = canvas(300, 300, top);
      paste(flag, canvas(300, 300 - stepAt, bottom), 0, stepAt);
      return flag;
    };
    paste(img, band(200, [0, 200, 255], [10, 10, 10]), 332, 16);
    paste(img, band(100, [10, 10, 10], [0, 200, 255]), 332, 332);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(4);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('sees no collage in a single picture', () => {
    for (const seed of [1, 2, 3]) expect(collageTiles(overview(painting(600, 450, seed)))).toEqual([]);
  });
});

describe('framedRects', () => {
  it('finds the picture inside a mat with a drawn line', () => {
    const img = canvas(700, 560, [244, 241, 234]);
    paste(img, painting(560, 420, 7), 70, 70);
    // The mat's line, 30 px out from the picture.
    for (let x = 40; x < 660; x++) for (const y of [40, 41, 519, 520]) img.data.set([58, 49, 40], (y * 700 + x) * 3);
    for (let y = 40; y < 521; y++) for (const x of [40, 41, 658, 659]) img.data.set([58, 49, 40], (y * 700 + x) * 3);
    const truth = { x: 70 / 700, y: 70 / 560, w: 560 / 700, h: 420 / 560 };
    expect(framedRects(overview(img)).some((b) => iou(b, truth) > 0.85)).toBe(true);
  });

  it('finds a picture between caption bars that carry text', () => {
    const img = canvas(600, 760, [255, 255, 255]);
    paste(img, painting(600, 600, 9), 0, 80);
    // "Text": dark strokes in both bars.
    for (let x = 60; x < 540; x += 9) for (let y = 25; y < 55; y++) img.data.set([20, 20, 20], (y * 600 + x) * 3);
    for (let x = 100; x < 500; x += 7) for (let y = 700; y < 730; y++) img.data.set([20, 20, 20], (y * 600 + x) * 3);
    const truth = { x: 0, y: 80 / 760, w: 1, h: 600 / 760 };
    expect(framedRects(overview(img)).some((b) => iou(b, truth) > 0.85)).toBe(true);
  });
});

describe('tiltQuad', () => {
  const tilted = (deg: number, fill: [number, number, number]) => turned(painting(480, 360, 21), deg, fill);

  for (const [deg, fill] of [[7, [0, 0, 0]], [-10, [255, 255, 255]], [4, [0, 0, 0]]] as const) {
    it(`finds the corners of a picture turned ${deg}° on ${fill[0] ? 'white' : 'black'}`, () => {
      const { img, quad } = tilted(deg, [...fill]);
      const found = tiltQuad(overview(img), img.width / img.height);
      expectCorners(found, quad);
    });
  }

  it('finds no tilt in an upright picture, framed or not', () => {
    expect(tiltQuad(overview(painting(600, 400, 5)))).toBeNull();
    const framed = canvas(640, 440, [0, 0, 0]);
    paste(framed, painting(600, 400, 6), 20, 20);
    expect(tiltQuad(overview(framed), 640 / 440)).toBeNull();
  });
});

describe('warpQuad', () => {
  it('straightens a quadrilateral back to the picture it came from', () => {
    const pic = painting(200, 200, 3);
    const same = warpQuad(pic, [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 200, y: 200 }, { x: 0, y: 200 }], 200, 200);
    let diff = 0;
    for (let i = 0; i < same.data.length; i++) diff += Math.abs(same.data[i]! - pic.data[i]!);
    expect(diff / same.data.length).toBeLessThan(1);
  });
});

/** A painting kept out of the dark (luma ≥ ~80): a lit screen's content, which a bezel's darkness encloses. */
function lit(w: number, h: number, seed: number): Raster {
  const p = painting(w, h, seed);
  for (let i = 0; i < p.data.length; i++) p.data[i] = 80 + p.data[i]! * 0.68;
  return p;
}

/** A chat screenshot at analysis size: bubbles, avatars, the picture beside its avatar, an input bar. */
function chat(page: [number, number, number], bubble: [number, number, number], pic: Raster, top: number): Raster {
  const img = canvas(360, 780, page);
  const avatar = (y: number, right: boolean) => paste(img, canvas(30, 30, [200, 120, 80]), right ? 320 : 10, y);
  const line = (y: number, right: boolean) => {
    const b = canvas(140, 33, bubble);
    for (let x = 12; x < 120; x += 9) paste(b, canvas(6, 12, [30, 30, 30]), x, 11);
    paste(img, b, right ? 170 : 50, y);
    avatar(y, right);
  };
  line(100, false);
  line(150, true);
  paste(img, pic, 50, top);
  avatar(top, false);
  line(top + pic.height + 20, true);
  paste(img, canvas(360, 60, [page[0] + 8, page[1] + 8, page[2] + 8]), 0, 720);
  paste(img, canvas(230, 30, [255, 255, 255]), 45, 735);
  return img;
}

describe('pictureBoxes', () => {
  for (const [mode, page, bubble] of [['light', [237, 237, 237], [255, 255, 255]], ['dark', [17, 17, 17], [44, 44, 44]]] as const) {
    it(`finds a chat thumbnail apart from its avatar (${mode} mode)`, () => {
      const img = chat([...page], [...bubble], painting(160, 115, 9), 230);
      const truth = { x: 50 / 360, y: 230 / 780, w: 160 / 360, h: 115 / 780 };
      const [first] = pictureBoxes(img);
      expect(first).toBeDefined();
      expect(iou(first!, truth)).toBeGreaterThan(0.9);
      // The avatar at x 10–40 beside it is not part of the box.
      expect(first!.x).toBeGreaterThan(45 / 360);
    });
  }

  for (const [mode, page, bubble, ink] of [['light', [230, 222, 210], [220, 248, 198], [120, 120, 120]], ['dark', [17, 17, 17], [0, 92, 75], [200, 200, 200]]] as const) {
    it(`finds the picture inside its bubble, above the bubble's time stamp (${mode} mode)`, () => {
      // A sent picture: the bubble's padding round it and a "12:02" under it, all one patch off the page.
      const sent = canvas(180, 150, [...bubble]);
      paste(sent, painting(164, 105, 11), 8, 8);
      for (let x = 130; x < 170; x += 8) paste(sent, canvas(5, 9, [...ink]), x, 128);
      const img = chat([...page], [...bubble], sent, 230);
      const [patch] = pictureBoxes(img);
      const picture = { x: 58 / 360, y: 238 / 780, w: 164 / 360, h: 105 / 780 };
      expect(iou(patch!, picture)).toBeLessThan(0.75);
      expect(iou(peelBubble(img, patch!), picture)).toBeGreaterThan(0.9);
      // A picture with no bubble round it stays as it is.
      const bare = { x: 50 / 360, y: 230 / 780, w: 180 / 360, h: 150 / 780 };
      const plain = chat([...page], [...bubble], painting(180, 150, 12), 230);
      expect(iou(peelBubble(plain, bare), bare)).toBeGreaterThan(0.95);
    });
  }

  it('finds no picture among bubbles, avatars and bars alone', () => {
    const img = chat([237, 237, 237], [255, 255, 255], canvas(1, 1, [237, 237, 237]), 230);
    expect(pictureBoxes(img)).toEqual([]);
  });

  it('finds none in a picture that has no plain page', () => {
    expect(pictureBoxes(painting(360, 780, 4))).toEqual([]);
  });
});

describe('bezelQuad', () => {
  /** `pic` photographed at an angle on a device with a dark bezel, in front of a lit, textured room. */
  function photographed(pic: Raster, room: [number, number, number]): { img: Raster; quad: Quad } {
    const W = 480, H = 480;
    const img = canvas(W, H, room);
    for (let i = 0; i < img.data.length; i += 3) img.data[i] = Math.min(255, room[0] + ((i / 3) % W) / 8);
    const screen: Quad = [{ x: 110, y: 120 }, { x: 380, y: 100 }, { x: 370, y: 330 }, { x: 120, y: 350 }];
    const bezel: Quad = [{ x: 95, y: 104 }, { x: 396, y: 82 }, { x: 386, y: 347 }, { x: 104, y: 367 }];
    const draw = (src: Raster, q: Quad) => {
      const back = homography(q, [{ x: 0, y: 0 }, { x: src.width, y: 0 }, { x: src.width, y: src.height }, { x: 0, y: src.height }])!;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const p = apply(back, { x: x + 0.5, y: y + 0.5 });
          if (p.x < 0 || p.y < 0 || p.x >= src.width || p.y >= src.height) continue;
          const i = (Math.floor(p.y) * src.width + Math.floor(p.x)) * 3;
          img.data.set(src.data.subarray(i, i + 3), (y * W + x) * 3);
        }
      }
    };
    draw(canvas(10, 10, [22, 22, 26]), bezel);
    draw(pic, screen);
    return { img, quad: screen.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad };
  }

  for (const room of [[150, 150, 160], [60, 90, 170]] as const) {
    it(`finds the screen inside its bezel in a lit room (${room.join(',')})`, () => {
      const { img, quad } = photographed(lit(400, 300, 12), [...room]);
      const found = bezelQuad(overview(img));
      expectCorners(found, quad);
    });
  }

  it('finds only the picture of a letterboxed screen: its black bars join the bezel', () => {
    const screen = canvas(300, 300, [0, 0, 0]);
    paste(screen, lit(300, 150, 13), 0, 75);
    const { img, quad } = photographed(screen, [150, 150, 160]);
    const found = bezelQuad(overview(img));
    expect(found).not.toBeNull();
    // The picture band is the middle half of the screen: its corners lie a quarter down each side.
    const along = (a: number, b: number, t: number) => ({ x: quad[a]!.x + (quad[b]!.x - quad[a]!.x) * t, y: quad[a]!.y + (quad[b]!.y - quad[a]!.y) * t });
    const band = [along(0, 3, 0.25), along(1, 2, 0.25), along(1, 2, 0.75), along(0, 3, 0.75)];
    found!.forEach((p, i) => {
      expect(Math.abs(p.x - band[i]!.x)).toBeLessThan(0.03);
      expect(Math.abs(p.y - band[i]!.y)).toBeLessThan(0.03);
    });
  });

  it('finds the screen when the picture on it holds dark shapes (a drawing\'s outlines, a night sky)', () => {
    // A pale page with dark blobs inside: each blob is a hole in the lit region, not outside it.
    const page = lit(400, 300, 14);
    for (const [cx, cy, r] of [[120, 120, 50], [270, 160, 70], [200, 240, 30]] as const) {
      for (let y = cy - r; y < cy + r; y++) for (let x = cx - r; x < cx + r; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) page.data.set([30, 10, 50], (y * 400 + x) * 3);
      }
    }
    const { img, quad } = photographed(page, [150, 150, 160]);
    const found = bezelQuad(overview(img));
    expectCorners(found, quad);
  });

  it('finds the screen when its bezel is greyed by glare or the camera\'s blur (not below 48)', () => {
    const { img, quad } = photographed(lit(400, 300, 15), [170, 170, 180]);
    // Lift every bezel-dark pixel to 70: a thin bezel blurred with the lit screen and room beside it.
    for (let i = 0; i < img.data.length; i += 3) {
      if (img.data[i]! < 40 && img.data[i + 1]! < 40) img.data.set([70, 70, 74], i);
    }
    const found = bezelQuad(overview(img));
    expectCorners(found, quad);
  });

  it('finds no screen in an ordinary picture', () => {
    for (const seed of [1, 2, 3]) expect(bezelQuad(overview(painting(600, 450, seed)))).toBeNull();
  });
});

describe('screenQuad', () => {
  /** A phone held upright in a dim room, showing a landscape `pic` letterboxed between black bars. */
  function dimPhone(pic: Raster): { img: Raster; band: Box } {
    const W = 360, H = 480;
    const img = canvas(W, H, [34, 30, 28]);
    for (let i = 0; i < img.data.length; i += 3) img.data[i] = 30 + (((i / 3) % W) * 20) / W;
    paste(img, canvas(132, 286, [14, 14, 16]), 114, 97);
    paste(img, canvas(122, 266, [3, 3, 3]), 119, 107);
    paste(img, resample(pic, FULL, 122, 69), 119, 205);
    return { img, band: { x: 119 / W, y: 205 / H, w: 122 / W, h: 69 / H } };
  }

  it('finds the picture letterboxed on a phone in a dim room, though it fills a twentieth of the photo', () => {
    const { img, band } = dimPhone(lit(400, 225, 21));
    const found = screenQuad(overview(img));
    expect(found).not.toBeNull();
    const corners = [[band.x, band.y], [band.x + band.w, band.y], [band.x + band.w, band.y + band.h], [band.x, band.y + band.h]];
    found!.forEach((p, i) => {
      expect(Math.abs(p.x - corners[i]![0]!)).toBeLessThan(0.03);
      expect(Math.abs(p.y - corners[i]![1]!)).toBeLessThan(0.03);
    });
  });

  it('finds no screen in an ordinary picture, nor a small lit square', () => {
    for (const seed of [1, 2, 3]) expect(screenQuad(overview(painting(600, 450, seed)))).toBeNull();
    const { img } = dimPhone(lit(400, 225, 21));
    // Under 3 % of the photo: too few pixels to be worth an embedding.
    paste(img, canvas(122, 266, [3, 3, 3]), 119, 107);
    paste(img, lit(50, 40, 5), 150, 220);
    expect(screenQuad(overview(img))).toBeNull();
  });
});

describe('pastedQuad', () => {
  /** `pic` turned by `deg` and pasted onto another picture (`backdrop`), its centre at (cx, cy). */
  function pasted(pic: Raster, backdrop: Raster, deg: number, cx: number, cy: number): { img: Raster; quad: Quad } {
    const img: Raster = { ...backdrop, data: backdrop.data.slice() };
    const quad = rotatedRect(cx, cy, pic.width, pic.height, (deg * Math.PI) / 180);
    const back = homography(quad, [{ x: 0, y: 0 }, { x: pic.width, y: 0 }, { x: pic.width, y: pic.height }, { x: 0, y: pic.height }])!;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const p = apply(back, { x: x + 0.5, y: y + 0.5 });
        if (p.x < 0 || p.y < 0 || p.x >= pic.width || p.y >= pic.height) continue;
        const i = (Math.floor(p.y) * pic.width + Math.floor(p.x)) * 3;
        img.data.set(pic.data.subarray(i, i + 3), (y * img.width + x) * 3);
      }
    }
    return { img, quad: quad.map((p) => ({ x: p.x / img.width, y: p.y / img.height })) as Quad };
  }
  /** A drawing on white, as clip art is: its white page is what the outline of the pasted picture holds. */
  function drawing(w: number, h: number, seed: number): Raster {
    const page = canvas(w, h, [255, 255, 255]);
    paste(page, painting(Math.round(w * 0.6), Math.round(h * 0.6), seed), Math.round(w * 0.2), Math.round(h * 0.2));
    return page;
  }

  for (const [deg, seed] of [[6, 31], [-4, 32], [9, 33]] as const) {
    it(`finds a picture pasted at ${deg}° onto another picture`, () => {
      const { img, quad } = pasted(drawing(300, 240, seed), painting(640, 640, seed + 10), deg, 300 + deg * 5, 340);
      expectCorners(pastedQuad(overview(img)), quad);
    });
  }

  it('finds a painting pasted onto a darker painting (no white page to help)', () => {
    const backdrop = painting(700, 600, 42);
    for (let i = 0; i < backdrop.data.length; i++) backdrop.data[i] = backdrop.data[i]! >> 1;
    const { img, quad } = pasted(painting(320, 260, 41), backdrop, -7, 330, 280);
    expectCorners(pastedQuad(overview(img)), quad);
  });

  it('leaves an upright rectangle to framedRects, and finds nothing in ordinary pictures', () => {
    const { img } = pasted(drawing(300, 240, 51), painting(640, 640, 52), 0, 320, 320);
    expect(pastedQuad(overview(img))).toBeNull();
    for (const seed of [1, 2, 3]) expect(pastedQuad(overview(painting(600, 450, seed)))).toBeNull();
    expect(pastedQuad(overview(drawing(500, 500, 4)))).toBeNull();
  });

  it('needs the whole outline: a side with a gap, or sides slanted apart, is not a pasted picture', () => {
    // A slanted painting whose left side blends into the backdrop over its middle 60 %.
    const backdrop = painting(640, 640, 61);
    for (let i = 0; i < backdrop.data.length; i++) backdrop.data[i] = backdrop.data[i]! >> 1;
    const pic = painting(300, 240, 62);
    const { img, quad } = pasted(pic, backdrop, 6, 320, 320);
    const W = img.width;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < W; x++) {
        // Near the left side, between 20 % and 80 % of its length: the post's own pixels become the backdrop's.
        const t = (y / img.height - quad[0]!.y) / (quad[3]!.y - quad[0]!.y);
        const sideX = (quad[0]!.x + (quad[3]!.x - quad[0]!.x) * t) * W;
        if (t > 0.2 && t < 0.8 && Math.abs(x - sideX) < 6) img.data.set(backdrop.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3), (y * W + x) * 3);
      }
    }
    expect(pastedQuad(overview(img))).toBeNull();
    // Sheared: rows slanted 8°, columns upright — no turned picture has that outline.
    const sheared: Raster = { ...backdrop, data: backdrop.data.slice() };
    const shear = Math.tan((8 * Math.PI) / 180);
    for (let y = 0; y < 240; y++) for (let x = 0; x < 300; x++) {
      const X = 170 + x, Y = 200 + y + Math.round((x - 150) * shear);
      sheared.data.set(pic.data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3), (Y * 640 + X) * 3);
    }
    expect(pastedQuad(overview(sheared))).toBeNull();
  });

  it('a post that is not square gets the straightened picture as a query region', () => {
    const { img, quad } = pasted(drawing(576, 324, 77), painting(1280, 720, 87), 5, 640, 360);
    const region = queryRegions(img, overview(img)).find((r) => r.kind === 'framed' && r.quad);
    expect(region).toBeDefined();
    // The region is the quadrilateral pulled 3 % towards its centre.
    const cx = quad.reduce((a, p) => a + p.x, 0) / 4, cy = quad.reduce((a, p) => a + p.y, 0) / 4;
    expectCorners(region!.quad!, quad.map((p) => ({ x: cx + (p.x - cx) * 0.97, y: cy + (p.y - cy) * 0.97 })) as Quad);
  });

  for (const [w, h, deg] of [[720, 540, 7], [720, 540, -6], [540, 720, 7], [1280, 720, 5]] as const) {
    it(`finds it in a ${w}×${h} post (${deg}°), looked at in the post's own proportions`, () => {
      const { img, quad } = pasted(drawing(Math.round(w * 0.45), Math.round(h * 0.45), 70 + deg), painting(w, h, 80 + deg), deg, w / 2, h / 2);
      const k = 224 / Math.max(w, h);
      const view = resample(img, FULL, Math.round(w * k), Math.round(h * k));
      expectCorners(pastedQuad(view), quad);
    });
  }
});
