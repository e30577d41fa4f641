// Badge styles, inside the shadow root. `all: initial` cuts inheritance from hostile page CSS.
export const STYLE = `
:host { all: initial; position: absolute; top: 8px; left: 8px; z-index: 2147483000; max-width: calc(100% - 16px);
  font: 12px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.badge { all: unset; cursor: pointer; display: inline-block; font-weight: 600; color: #fff; background: #c0392b;
  border-radius: 6px; padding: 3px 8px; box-shadow: 0 1px 4px rgba(0,0,0,.35); max-width: 100%; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; box-sizing: border-box; }
.badge.info { background: #5d6d7e; }
.badge:focus-visible { outline: 2px solid #fff; box-shadow: 0 0 0 4px #c0392b; }
`;

/** The frame hosts: fixed to the viewport, above the page, nothing the page's CSS can reach. */
export const FRAME_STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; display: block; }
iframe { all: initial; display: block; width: 100%; height: 100%; border: 0; border-radius: 12px;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); background: transparent; color-scheme: normal; }
`;
