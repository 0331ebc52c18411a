/**
 * The packet site's one stylesheet (inline: the CSP allows no other). Every text colour has at least 4.5:1
 * contrast on the white page and on the grey header and table heads (WCAG 2.1 AA); the browser test runs
 * axe-core on the page. On a phone the page never scrolls sideways: wide tables scroll in their own box,
 * the charts scale with their viewBox, the navigation wraps and stops being sticky. In print: no
 * navigation, folded parts open, each section on a new page, nothing but the text of a link.
 */
export const SITE_STYLE = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--met:#1a7f37;--partial:#9a6700;--gap:#cf222e;--inh:#0550ae;--exc:#57606a;--link:#0550ae}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
a{color:var(--link)}
header{padding:24px 32px;border-bottom:1px solid var(--line);background:#f6f8fa}header h1{margin:0 0 4px;font-size:24px;overflow-wrap:anywhere}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;z-index:2;display:flex;flex-wrap:wrap;gap:4px 16px}nav a{text-decoration:none}
[id]{scroll-margin-top:5.5rem}
main{padding:8px 32px 48px;max-width:1400px}section{margin-top:32px}h2{border-bottom:1px solid var(--line);padding-bottom:4px}
p,li,dd,h3,h4{overflow-wrap:anywhere}
.table-wrap{overflow:auto;max-height:85vh;margin:8px 0;border:1px solid var(--line)}
table{border-collapse:separate;border-spacing:0;width:100%}th,td{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;position:sticky;top:0;z-index:1}
.muted{color:var(--muted)}.notice{background:#fff8c5;border:1px solid #d4a72c;padding:12px 16px;margin:16px 0;border-radius:6px}
.status{font-weight:600;white-space:nowrap}.met{color:var(--met)}.partial{color:var(--partial)}.gap{color:var(--gap)}.inherited{color:var(--inh)}.excluded{color:var(--exc);font-style:italic}
.policy{border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin:16px 0}code{font-size:12px;overflow-wrap:anywhere}
.high{color:var(--gap);font-weight:600}.medium{color:var(--partial);font-weight:600}.low{color:var(--muted)}.open{color:var(--gap);font-weight:600}
.nowrap,.id{white-space:nowrap}
.window-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:4px;list-style:none;padding:0;margin:4px 0 12px}
.window-grid li{border:1px solid var(--line);border-radius:4px;padding:4px 8px;font-size:13px}
.window-grid .mark{font-weight:600}.window-grid .covered .mark{color:var(--met)}.window-grid .missing{border-color:var(--gap)}.window-grid .missing .mark{color:var(--gap)}.window-grid .open .mark{color:var(--muted)}
svg.readiness-chart{max-width:100%;height:auto;display:block;margin:8px 0}svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
@media (max-width:700px){header{padding:16px 12px}nav{position:static;padding:8px 12px}main{padding:8px 12px 32px}[id]{scroll-margin-top:0.5rem}}
@media print{
nav{display:none}header{background:none}body{font-size:11pt}
section{break-before:page}main>section:first-of-type{break-before:auto}
h2,h3,h4,summary{break-after:avoid}tr,li,.window-grid li{break-inside:avoid}
details::details-content{display:block;content-visibility:visible}details>summary{list-style:none;font-weight:600}
.table-wrap{overflow:visible;max-height:none;border:0}thead th{position:static}thead{display:table-header-group}
a{color:inherit;text-decoration:none}a::after{content:none!important}
[id]{scroll-margin-top:0}
}
`;
