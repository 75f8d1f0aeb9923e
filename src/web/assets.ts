// The pages' stylesheet, kept as a module so that it ships inside the build (no file to locate at run time,
// nothing fetched from elsewhere).

export const STYLESHEET = `/* Vivant's pages: one stylesheet, no external font or asset. Colours meet WCAG 2.1 AA contrast on white. */
:root { --ink: #1b1b1f; --muted: #4a4a55; --accent: #8a1538; --line: #d7d7de; --bg: #fff; --soft: #f5f4f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
header.site { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; color: var(--ink); }
header.site nav { display: flex; flex-wrap: wrap; gap: 1rem; flex: 1; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
form.search { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem 1rem; padding: 1rem; background: var(--soft); border-radius: .5rem; }
.field label { display: block; font-size: .9rem; color: var(--muted); margin-bottom: .2rem; }
.field input, .field select { width: 100%; padding: .4rem .5rem; font: inherit; border: 1px solid #8b8b96; border-radius: .3rem; background: var(--bg); color: var(--ink); }
.field .hint { display: block; font-size: .8rem; color: var(--muted); margin-bottom: .2rem; }
.field.check { display: flex; gap: .5rem; align-items: center; }
.field.check label { margin: 0; color: var(--ink); }
.field.check input { width: auto; }
.actions { display: flex; gap: 1rem; align-items: center; }
button { font: inherit; padding: .45rem 1.1rem; background: var(--accent); color: #fff; border: 0; border-radius: .3rem; cursor: pointer; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(12rem, 1fr); gap: 2rem; margin-top: 1.5rem; }
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } }
ol.performances { list-style: none; padding: 0; margin: 0; }
li.performance { padding: .75rem 0; border-bottom: 1px solid var(--line); }
li.performance h3, li.performance h2 { margin: 0 0 .2rem; font-size: 1.1rem; }
li.performance p { margin: .1rem 0; }
li.performance.cancelled h3 a { text-decoration: line-through; }
.status { color: var(--accent); }
.where, .previous, .count { color: var(--muted); }
.facets h2 { font-size: 1.1rem; margin-top: 0; }
.facets h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.facets ul { list-style: none; padding: 0; margin: 0; }
.facets .count::before { content: "("; } .facets .count::after { content: ")"; }
.pages { display: flex; gap: 1rem; margin: 1rem 0; }
pre { background: var(--soft); padding: .75rem; overflow-x: auto; font-size: .85rem; }
.problem { color: #9b1c1c; font-weight: 600; }
.chart .bar { fill: var(--accent); } .chart .value, .chart .axis { font-size: 11px; fill: var(--ink); }
.tables { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
table { border-collapse: collapse; } caption { font-weight: 700; text-align: left; padding: .25rem 0; }
th, td { padding: .25rem .75rem; border-bottom: 1px solid var(--line); text-align: left; } td { text-align: right; }
.query-layout { display: grid; grid-template-columns: minmax(12rem, 1fr) minmax(0, 3fr); gap: 2rem; }
@media (max-width: 48rem) { .query-layout { grid-template-columns: 1fr; } }
.examples ul { padding-left: 1.1rem; } .examples li { margin: .35rem 0; }
.editor label { display: block; font-weight: 600; margin-bottom: .25rem; }
.editor textarea { width: 100%; font: .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding: .5rem; border: 1px solid #8b8b96; border-radius: .3rem; }
.table-wrap { overflow-x: auto; } table.results td { text-align: left; font-size: .9rem; }
.lang-tag, .note { color: var(--muted); }
/* CodeMirror's token colours that are too pale on white (WCAG 1.4.3: 4.5:1), darkened. */
#yasgui .cm-s-default .cm-string-2 { color: #b33c00; } #yasgui .cm-s-default .cm-bracket { color: #6b6b4d; }
#yasgui .cm-s-default .cm-hr { color: #767676; } #yasgui .cm-s-default .cm-error, #yasgui .cm-invalidchar { color: #c00; } #yasgui .cm-s-default .cm-quote { color: #1a7a1a; }
#yasgui .yasr .yasr_btn.disabled, #yasgui .yasr .yasr_btn[disabled] { opacity: 1; color: #5c6670; }
form.check { display: grid; gap: 1rem; padding: 1rem; background: var(--soft); border-radius: .5rem; }
form.check textarea, .check-result textarea { width: 100%; font: .85rem/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding: .5rem; border: 1px solid #8b8b96; border-radius: .3rem; }
form.check fieldset { border: 1px solid var(--line); border-radius: .3rem; } form.check legend { color: var(--muted); }
.check-result h2.ok { color: #1e6b2f; } .check-result h2.ko { color: #9b1c1c; }
.issue-group h3 { font-size: 1rem; margin: 1rem 0 .25rem; } .issue-group ul { margin: 0; }
.issue.violation strong { color: #9b1c1c; } .issue.warning strong { color: #7a4b00; } .issue .code, .issue .value { color: var(--muted); font-size: .85rem; }
footer.site { border-top: 1px solid var(--line); padding: 1rem 1.25rem; color: var(--muted); font-size: .9rem; }
`;
