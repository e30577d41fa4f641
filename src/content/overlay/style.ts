// Badge and panel styles, inside the shadow root. `all: initial` cuts inheritance from hostile page CSS.
export const STYLE = `
:host { all: initial; position: absolute; top: 8px; left: 8px; z-index: 2147483000; max-width: calc(100% - 16px);
  font: 12px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.badge { all: unset; cursor: pointer; display: inline-block; font-weight: 600; color: #fff; background: #c0392b;
  border-radius: 6px; padding: 3px 8px; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.badge.info { background: #5d6d7e; }
.panel { margin-top: 6px; width: 260px; background: #fff; color: #222; border-radius: 10px; padding: 10px;
  box-shadow: 0 4px 18px rgba(0,0,0,.3); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin-bottom: 6px; }
.thumb { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 6px; background: #eee; }
.line { margin: 2px 0; }
.strong { font-weight: 600; color: #c0392b; }
.row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.btn { all: unset; cursor: pointer; border: 1px solid #ccc; border-radius: 6px; padding: 3px 8px; }
.btn:disabled { opacity: .5; cursor: default; }
`;
