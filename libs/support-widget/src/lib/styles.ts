// The widget's styles, applied as a constructable stylesheet (adoptedStyleSheets) on its shadow
// root. Host pages' CSPs block inline <style> elements (`style-src 'self'` or `default-src 'self'`)
// but not a stylesheet built from script, so nothing needs adding to style-src, and no nonce.

const CSS = `
:host { all: initial; display: block; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --pss-bg: #fff; --pss-fg: #1b2330; --pss-muted: #5b6472; --pss-line: #d5dae1; --pss-accent: #1f5fbf; --pss-accent-fg: #fff;
  --pss-soft: #eef3fb; --pss-danger: #b3261e; --pss-ok: #1e7a3c; color: var(--pss-fg); }
@media (prefers-color-scheme: dark) { :host { --pss-bg: #171d26; --pss-fg: #e8ecf2; --pss-muted: #a6afbd; --pss-line: #364152;
  --pss-accent: #7fb0ff; --pss-accent-fg: #0d1420; --pss-soft: #1f2937; --pss-danger: #ff8a80; --pss-ok: #7ddc9b; } }
:host([mode="launcher"]), :host(:not([mode])) { position: fixed; inset: auto 0 0 auto; z-index: 2147483000; width: 0; height: 0; }
* { box-sizing: border-box; }
button, input, select, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--pss-accent); outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--pss-accent); color: var(--pss-accent-fg); box-shadow: 0 4px 14px rgb(0 0 0 / 25%); display: grid; place-items: center; }
.launcher svg { width: 28px; height: 28px; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: var(--pss-danger); color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center; }
.panel { background: var(--pss-bg); color: var(--pss-fg); display: flex; flex-direction: column; min-height: 0; }
.floating { position: fixed; right: 20px; bottom: 88px; width: min(420px, calc(100vw - 40px)); height: min(640px, calc(100vh - 120px));
  border: 1px solid var(--pss-line); border-radius: 12px; box-shadow: 0 12px 40px rgb(0 0 0 / 28%); overflow: hidden; }
@media (max-width: 520px) { .floating { right: 0; left: 0; bottom: 0; width: 100%; height: 88vh; border-radius: 16px 16px 0 0; }
  .launcher { right: 16px; bottom: 16px; } }
.inline { border: 1px solid var(--pss-line); border-radius: 12px; min-height: 420px; }
header.bar { display: flex; align-items: center; gap: 8px; padding: 10px 12px 0 16px; }
header.bar h2 { margin: 0; font-size: 17px; flex: 1; }
.icon-btn { border: 0; background: none; width: 40px; height: 40px; border-radius: 8px; display: grid; place-items: center; }
.icon-btn:hover { background: var(--pss-soft); }
.tabs { display: flex; gap: 4px; padding: 8px 12px 0; border-bottom: 1px solid var(--pss-line); }
.tabs button { border: 0; background: none; padding: 10px 12px; border-bottom: 3px solid transparent; color: var(--pss-muted); font-weight: 600; }
.tabs button[aria-selected="true"] { color: var(--pss-fg); border-bottom-color: var(--pss-accent); }
.body { flex: 1; overflow: auto; padding: 16px; min-height: 0; }
.field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 14px; }
.field label, .label { font-weight: 600; }
.req { color: var(--pss-danger); }
.help { color: var(--pss-muted); font-size: 13px; }
.err { color: var(--pss-danger); font-size: 13px; margin: 0; }
input[type="text"], select, textarea { width: 100%; padding: 8px 10px; border: 1px solid var(--pss-line); border-radius: 8px; background: var(--pss-bg); }
textarea { min-height: 110px; resize: vertical; }
[aria-invalid="true"] { border-color: var(--pss-danger); }
.check { display: flex; gap: 8px; align-items: center; }
.btn { border: 1px solid var(--pss-line); background: var(--pss-bg); border-radius: 8px; padding: 9px 14px; font-weight: 600; }
.btn.primary { background: var(--pss-accent); color: var(--pss-accent-fg); border-color: var(--pss-accent); }
.btn:disabled { opacity: .6; cursor: default; }
.link { border: 0; background: none; color: var(--pss-accent); text-decoration: underline; padding: 0; font-weight: 600; }
.row { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.drop { border: 2px dashed var(--pss-line); border-radius: 10px; padding: 12px; text-align: center; }
.drop.over { border-color: var(--pss-accent); background: var(--pss-soft); }
/* The file input is visually hidden: show its keyboard focus on the zone. */
.drop:focus-within { outline: 3px solid var(--pss-accent); outline-offset: 2px; }
.files { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.files li { display: flex; align-items: center; gap: 8px; padding: 4px 8px; background: var(--pss-soft); border-radius: 6px; min-height: 40px; }
.files li span { flex: 1; overflow-wrap: anywhere; }
progress { width: 80px; }
details.ctx { border: 1px solid var(--pss-line); border-radius: 8px; padding: 8px 12px; margin-bottom: 14px; }
details.ctx summary { font-weight: 600; cursor: pointer; }
dl.ctx-list { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0 0; font-size: 13px; }
dl.ctx-list dt { color: var(--pss-muted); }
dl.ctx-list dd { margin: 0; overflow-wrap: anywhere; }
.notice { padding: 12px; border-radius: 8px; background: var(--pss-soft); margin-bottom: 12px; }
.notice.error { color: var(--pss-danger); }
.center { text-align: center; padding: 24px 8px; }
ul.tickets { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
ul.tickets button { width: 100%; text-align: left; border: 1px solid var(--pss-line); border-radius: 8px; background: var(--pss-bg); padding: 10px 12px;
  display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; }
.subject { font-weight: 600; overflow-wrap: anywhere; }
.meta { color: var(--pss-muted); font-size: 13px; }
.chip { align-self: start; justify-self: end; font-size: 12px; font-weight: 700; border-radius: 999px; padding: 2px 8px; background: var(--pss-soft); white-space: nowrap; }
.chip.waiting { background: #fde7c2; color: #6b4100; } .chip.resolved { background: #d6f2de; color: #135c2c; } .chip.closed { background: #e3e6ea; color: #3d4552; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--pss-danger); margin-right: 6px; }
.msgs { list-style: none; padding: 0; margin: 12px 0; display: flex; flex-direction: column; gap: 10px; }
.msg { border: 1px solid var(--pss-line); border-radius: 10px; padding: 8px 12px; }
.msg.support { background: var(--pss-soft); }
.msg.event { border: 0; color: var(--pss-muted); font-size: 13px; text-align: center; padding: 2px; }
.msg p { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg > .meta { margin-inline-start: 8px; }
.spinner { width: 20px; height: 20px; border: 3px solid var(--pss-line); border-top-color: var(--pss-accent); border-radius: 50%; animation: spin 1s linear infinite; display: inline-block; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
`;

let shared: CSSStyleSheet | null = null;

export function widgetStyleSheet(): CSSStyleSheet {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(CSS);
  }
  return shared;
}

export function adoptStyles(root: ShadowRoot): void {
  if (!root.adoptedStyleSheets.includes(widgetStyleSheet())) root.adoptedStyleSheets = [...root.adoptedStyleSheets, widgetStyleSheet()];
}
