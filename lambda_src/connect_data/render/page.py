"""The shell every page shares: one self-contained HTML document (inline style, no scripts, no network)."""

from __future__ import annotations

import html

STYLE = """
:root{--flow:#6b8fd6;--queue:#e0a030;--agent:#3aa36b;--hold:#c45ab3;
 --ink:#1d2733;--muted:#5b6774;--line:#d8dee6}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:#f5f7fa}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0}
.sub{color:var(--muted);margin:0 0 16px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:12px 0}
.source{color:var(--muted);font-size:12px;margin:2px 0 10px}
.legend span{display:inline-block;margin-right:14px;font-size:12px;color:var(--muted)}
.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:4px;vertical-align:-2px}
.axis{position:relative;height:22px;margin-left:220px;border-bottom:1px solid var(--line);
 font-size:11px;color:var(--muted)}
.axis span{position:absolute;transform:translateX(-50%);white-space:nowrap}
.lane{display:flex;align-items:stretch;border-bottom:1px dashed var(--line);padding:10px 0}
.lane-head{width:220px;flex:none;padding-right:12px}
.lane-head code{font-size:11px;color:var(--muted)}
.track{position:relative;flex:1;height:58px;
 background:repeating-linear-gradient(90deg,#fafbfc,#fafbfc 49px,#f0f2f5 50px)}
.bar{position:absolute;height:18px;border-radius:4px;min-width:4px;color:#fff;font-size:11px;line-height:18px;
 padding:0 4px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.bar.flow{top:4px;background:var(--flow)}.bar.queue{top:26px;background:var(--queue)}
.bar.agent{top:26px;background:var(--agent)}.bar.hold{top:26px;background:var(--hold);height:10px;top:30px}
.bar.open{background-image:linear-gradient(90deg,transparent 70%,rgba(255,255,255,.55))}
.mark{position:absolute;top:46px;width:10px;height:10px;margin-left:-5px;transform:rotate(45deg);border:1px solid #fff}
.mark.prompt{background:#2f5bb7}.mark.choice{background:#1b8a4b}.mark.lambda{background:#7a4bc2}
.mark.transfer{background:#d0602a}.mark.error{background:#c62828}.mark.event{background:#5b6774}
ol.story{margin:8px 0 0 220px;padding-left:18px;font-size:13px}
ol.story li{margin:1px 0}
ol.story .t{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap;margin-right:6px}
.error-text{color:#c62828;font-weight:600}
details{margin:8px 0 0 220px}summary{cursor:pointer;color:#2f5bb7}
table{border-collapse:collapse;width:100%;font-size:12px;margin-top:6px;background:#fff}
td,th{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
td.wrap{word-break:break-word}
tr.error td{background:#fdecec}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;word-break:break-word}
.empty{color:var(--muted);font-style:italic}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def document(title: str, body: str) -> str:
    """A complete page: everything inline, so it opens from a file, offline, anywhere."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{esc(title)}</title>'
        f"<style>{STYLE}</style></head><body><main>{body}</main></body></html>\n"
    )


def source_note(text: str) -> str:
    return f'<p class="source">Source: {esc(text)}</p>'
