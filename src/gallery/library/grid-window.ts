// Which tiles of a long grid are on screen: the Gallery page renders only those (and a margin), so opening it
// with 10,000 works costs what 40 tiles cost. Pure arithmetic, tested in Node.

export interface GridLayout {
  columns: number;
  /** Tile width in px (the grid stretches tiles to fill the row). */
  tileWidth: number;
  rowHeight: number;
  rows: number;
  /** The grid's full height, so the page scrolls as if every tile were there. */
  height: number;
}

export function layout(width: number, count: number, opts: { minTile: number; gap: number; infoHeight: number }): GridLayout {
  const columns = Math.max(1, Math.floor((width + opts.gap) / (opts.minTile + opts.gap)));
  const tileWidth = (width - opts.gap * (columns - 1)) / columns;
  const rowHeight = Math.round(tileWidth + opts.infoHeight + opts.gap);
  const rows = Math.ceil(count / columns);
  return { columns, tileWidth, rowHeight, rows, height: Math.max(0, rows * rowHeight - opts.gap) };
}

/**
 * The first and last (exclusive) tile index to render when `top` is the grid's offset below the viewport's top
 * edge (negative once scrolled past) and the viewport is `viewHeight` tall; `overscan` rows either side.
 */
export function visibleRange(g: GridLayout, count: number, top: number, viewHeight: number, overscan = 2): [number, number] {
  if (!count) return [0, 0];
  const firstRow = Math.max(0, Math.floor(-top / g.rowHeight) - overscan);
  const lastRow = Math.min(g.rows, Math.ceil((viewHeight - top) / g.rowHeight) + overscan);
  return [firstRow * g.columns, Math.min(count, Math.max(firstRow, lastRow) * g.columns)];
}
