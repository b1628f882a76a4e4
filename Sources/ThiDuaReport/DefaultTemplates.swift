/// The built-in templates, identical to templates/*.mustache (a test keeps them in step; `make embed`
/// regenerates this file). An operator overrides any of them with `--templates DIR`.
enum DefaultTemplates {
    static let all: [(String, String)] = [
        ("head", #"""
{{! The head of every page: UTF-8, a strict Content-Security-Policy (no script, no request of any kind:
    the intranet is air-gapped), the title and the inline stylesheet. One copy, so the policy cannot drift. }}
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} – {{as_of}}</title>
{{> style}}
</head>

"""#),
        ("matrix", #"""
{{! One bloc's milestone matrix: units × milestones, status as symbol and text (never colour alone).
    Rendered inside a matrix: rows of cells; milestone_heads and l.* come from the page.
    Scrolls inside its own box on a narrow screen, the unit kept in view. }}
<div class="tw" role="region" aria-label="{{l.milestones}} – {{title}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.unit}}</th>{{#milestone_heads}}<th scope="col">{{name}}</th>{{/milestone_heads}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row"><a href="{{href}}">{{unit}}</a></th>{{#cells}}<td class="st {{cls}}" title="{{text}} {{value}}">{{symbol}} {{text}}{{#detail}}<br><span class="small">{{detail}}</span>{{/detail}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
</div>

"""#),
        ("plan_index", #"""
<!DOCTYPE html>
<html lang="{{lang}}">
{{> head}}
<body>
<header class="top">
<h1>{{plan_title}}</h1>
<p class="meta">{{l.subtitle}}</p>
<p class="meta">{{l.plan}} {{plan_name}} · {{l.period}} {{period}} · {{l.as_of}} <strong><time datetime="{{as_of_iso}}">{{as_of}}</time></strong> · {{l.generated}} {{generated}}</p>
<p class="banner{{#final}} final{{/final}}">{{status_note}}</p>
<nav class="toc noprint"><a href="#leaderboards">{{l.leaderboards}}</a>{{#has_milestones}}<a href="#milestones">{{l.milestones}}</a>{{/has_milestones}}<a href="#shortlist">{{l.shortlist}}</a><a href="#dossiers">{{l.dossiers}}</a><a href="#quality">{{l.quality}}</a><a href="#anomalies">{{l.anomalies}}</a><a href="#plan">{{l.plan_used}}</a></nav>
</header>
<main>
<section id="leaderboards">
{{#blocs}}
<h2 id="{{id}}">{{title}}</h2>
{{> plan_leaderboard}}
{{/blocs}}
<h2 id="sub">{{l.bloc_sub}}…</h2>
<div class="tw" role="region" aria-label="{{l.bloc_sub}}…" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.unit}}</th><th scope="col" class="num">{{l.count}}</th><th scope="col">{{l.rank}} 1</th></tr></thead>
<tbody>
{{#provinces}}<tr><th scope="row"><a href="{{href}}">{{name}}</a></th><td class="num">{{count}}</td><td>{{leader}}</td></tr>
{{/provinces}}
</tbody>
</table>
</div>
</section>

{{#has_milestones}}
<section id="milestones">
<h2>{{l.milestones}}</h2>
<p class="legend small">{{l.legend}}: <span class="st met">✓ {{l.s_met}}</span> <span class="st met_late">✓! {{l.s_met_late}}</span> <span class="st pending">… {{l.s_pending}}</span> <span class="st at_risk">⚠ {{l.s_at_risk}}</span> <span class="st missed">✗ {{l.s_missed}}</span> <span class="st not_applicable">– {{l.s_not_applicable}}</span> <span class="st no_data">? {{l.s_no_data}}</span></p>
{{#matrices}}
<h3>{{title}}</h3>
{{> matrix}}
{{/matrices}}
</section>
{{/has_milestones}}

<section id="shortlist">
<h2>{{l.shortlist}}</h2>
<h3>{{l.units_proposed}}</h3>
<div class="tw" role="region" aria-label="{{l.units_proposed}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.bloc_spp}} / {{l.bloc_provincial}}</th><th scope="col" class="num">{{l.quota}}</th><th scope="col" class="num">{{l.position}}</th><th scope="col">{{l.nominee}}</th><th scope="col">{{l.status}}</th><th scope="col">{{l.reason}}</th></tr></thead>
<tbody>
{{#unit_nominations}}<tr><td>{{bloc}}</td><td class="num">{{quota}}</td><td class="num">{{position}}</td><th scope="row"><a href="{{href}}">{{name}}</a></th><td class="{{cls}}">{{status}}</td><td>{{reason}}</td></tr>
{{/unit_nominations}}
{{#sub_nominations}}<tr><td>{{bloc}}</td><td class="num">{{quota}}</td><td class="num">{{position}}</td><th scope="row"><a href="{{href}}">{{name}}</a></th><td class="{{cls}}">{{status}}</td><td>{{reason}}</td></tr>
{{/sub_nominations}}
</tbody>
</table>
</div>
<h3>{{l.staff_proposed}}</h3>
<div class="tw" role="region" aria-label="{{l.staff_proposed}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.bloc_staff}}…</th><th scope="col" class="num">{{l.quota}}</th><th scope="col" class="num">{{l.position}}</th><th scope="col">{{l.nominee}}</th><th scope="col">{{l.status}}</th></tr></thead>
<tbody>
{{#staff_nominations}}<tr><td>{{bloc}}</td><td class="num">{{quota}}</td><td class="num">{{position}}</td><th scope="row">{{name}}</th><td class="{{cls}}">{{status}}</td></tr>
{{/staff_nominations}}
</tbody>
</table>
</div>
<p class="small">{{l.excluded}}: {{staff_excluded}}</p>
</section>

<section id="dossiers">
<h2>{{l.dossiers}}</h2>
<div class="tw" role="region" aria-label="{{l.dossiers}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.dossier}}</th><th scope="col">{{l.nominee}}</th><th scope="col">{{l.award_level}}</th><th scope="col">{{l.submitted_on}}</th><th scope="col">{{l.status}}</th><th scope="col">{{l.missing_parts}}</th><th scope="col" class="num">{{l.days_left}}</th></tr></thead>
<tbody>
{{#dossiers}}<tr><td>{{id}}</td><th scope="row">{{nominee}}</th><td>{{level}}</td><td>{{submitted}}</td><td class="{{cls}}">{{status}}</td><td>{{missing}}</td><td class="num">{{days_left}}</td></tr>
{{/dossiers}}
</tbody>
</table>
</div>
</section>

<section id="quality">
<h2>{{l.quality}}</h2>
<div class="tw" role="region" aria-label="{{l.quality}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.problem}}</th><th scope="col" class="num">{{l.count}}</th></tr></thead>
<tbody>{{#quality_totals}}<tr><th scope="row">{{name}}</th><td class="num">{{count}}</td></tr>{{/quality_totals}}</tbody>
</table>
</div>
<h3>{{l.worst_units}}</h3>
<div class="tw" role="region" aria-label="{{l.worst_units}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.unit}}</th><th scope="col" class="num">{{l.records_to_fix}}</th>{{#problem_heads}}<th scope="col" class="num">{{name}}</th>{{/problem_heads}}</tr></thead>
<tbody>{{#worst_units}}<tr><th scope="row"><a href="{{href}}">{{name}}</a></th><td class="num">{{total}}</td>{{#counts}}<td class="num">{{.}}</td>{{/counts}}</tr>
{{/worst_units}}</tbody>
</table>
</div>
</section>

<section id="anomalies">
<h2>{{l.anomalies}} ({{anomaly_total}})</h2>
{{^has_anomalies}}<p>{{l.anomalies_none}}</p>{{/has_anomalies}}
{{#has_anomalies}}
<div class="tw" role="region" aria-label="{{l.anomalies}}: {{l.count}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.relation}}</th><th scope="col">{{l.problem}}</th><th scope="col" class="num">{{l.count}}</th></tr></thead>
<tbody>{{#anomaly_counts}}<tr><td>{{relation}}</td><th scope="row">{{problem}}</th><td class="num">{{count}}</td></tr>{{/anomaly_counts}}</tbody>
</table>
</div>
<div class="tw" role="region" aria-label="{{l.anomalies}}: {{l.detail}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.relation}}</th><th scope="col">{{l.key}}</th><th scope="col">{{l.problem}}</th><th scope="col">{{l.detail}}</th></tr></thead>
<tbody>{{#anomalies}}<tr><td>{{relation}}</td><th scope="row">{{key}}</th><td>{{problem}}</td><td>{{detail}}</td></tr>
{{/anomalies}}</tbody>
</table>
</div>
{{/has_anomalies}}
</section>

<section id="plan">
<h2>{{l.plan_used}}</h2>
<p>{{l.plan}} {{plan_name}}: {{plan_title}}</p>
<div class="tw" role="region" aria-label="{{l.key_dates}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.key_dates}}</th><th scope="col">{{l.date}}</th></tr></thead>
<tbody>{{#dates}}<tr><th scope="row">{{name}}</th><td>{{date}}</td></tr>{{/dates}}</tbody>
</table>
</div>
{{#has_lines}}
<div class="tw" role="region" aria-label="{{l.priority_lines}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.priority_lines}}</th><th scope="col" class="num">{{l.line}}</th></tr></thead>
<tbody>{{#lines}}<tr><th scope="row">{{name}}{{#clause}} <span class="small">({{clause}})</span>{{/clause}}</th><td class="num">{{line}}</td></tr>{{/lines}}</tbody>
</table>
</div>
{{/has_lines}}
<div class="tw" role="region" aria-label="{{l.composite_weights}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.composite_weights}}</th><th scope="col" class="num">{{l.weight}}</th></tr></thead>
<tbody>{{#weights}}<tr><th scope="row">{{name}}</th><td class="num">{{weight}}</td></tr>{{/weights}}</tbody>
</table>
</div>
{{#has_individual_weights}}
<div class="tw" role="region" aria-label="{{l.individual_weights}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.individual_weights}}</th><th scope="col" class="num">{{l.weight}}</th></tr></thead>
<tbody>{{#individual_weights}}<tr><th scope="row">{{name}}</th><td class="num">{{weight}}</td></tr>{{/individual_weights}}</tbody>
</table>
</div>
{{/has_individual_weights}}
</section>
</main>
</body>
</html>

"""#),
        ("plan_leaderboard", #"""
{{! One unit bloc's leaderboard drawn from the plan (PLAN-LANGUAGE.md §15 (b), (c)): the chart rate's
    bars (with its priority line when it has one), then rank, unit, composite, movement, each ranked
    rate, each at_least (✓/✗), each priority marker, the chart rate's trend and what each unit still
    needs. Rendered inside a bloc: id, title, chart, heads, rows; labels come from the page (l.*).
    The table scrolls inside its own box on a narrow screen, rank and unit kept in view. }}
{{#has_chart}}{{{chart}}}{{/has_chart}}
{{#priority_notes}}<p class="small">{{.}}</p>
{{/priority_notes}}
<div class="tw lb" role="region" aria-label="{{title}}" tabindex="0">
<table>
<caption class="small">{{title}}</caption>
<thead><tr><th scope="col" class="num">{{l.rank}}</th><th scope="col">{{l.unit}}</th><th scope="col" class="num">{{l.composite}}</th><th scope="col" class="num">{{l.movement}}</th>{{#heads}}<th scope="col" class="num">{{name}}</th>{{/heads}}{{#has_chart}}<th scope="col">{{chart_head}}</th>{{/has_chart}}<th scope="col">{{l.needed}}</th></tr></thead>
<tbody>
{{#rows}}<tr><td class="num">{{rank}}</td><th scope="row"><a href="{{href}}">{{unit}}</a></th><td class="num">{{composite}}</td><td class="num {{movement.cls}}">{{movement.text}}</td>{{#cells}}<td class="num">{{#rate}}{{> rate}}{{/rate}}{{#mark}}<span class="st {{cls}}" aria-hidden="true">{{symbol}}</span><span class="vh">{{text}}</span>{{/mark}}</td>{{/cells}}{{#has_chart}}<td class="trend">{{{spark}}}{{#spark_text}}<span class="small">{{spark_text}}</span>{{/spark_text}}</td>{{/has_chart}}<td class="needs">{{#needs}}<span>{{.}}</span>{{/needs}}</td></tr>
{{/rows}}
</tbody>
</table>
</div>
{{#has_trend}}<p class="small">{{spark_range}}</p>{{/has_trend}}
{{#has_impossible}}<p class="small"><span class="flag">⚠ {{l.impossible}}</span>: {{l.impossible_note}}</p>{{/has_impossible}}

"""#),
        ("plan_unit", #"""
<!DOCTYPE html>
<html lang="{{lang}}">
{{> head}}
<body>
<header class="top">
<p class="noprint"><a href="{{root}}index.html">{{l.back}}</a></p>
<h1>{{unit}}</h1>
<p class="meta">{{bloc}} · {{l.headcount}} {{headcount}} · {{l.as_of}} <strong><time datetime="{{as_of_iso}}">{{as_of}}</time></strong></p>
<p class="meta">{{l.plan}} {{plan_name}}: {{plan_title}} · {{l.period}} {{period}}</p>
<p class="banner{{#final}} final{{/final}}">{{status_note}}</p>
</header>
<main>
<section>
<h2>{{l.metric}}</h2>
<div class="tw cards" role="region" aria-label="{{l.metric}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.metric}}</th><th scope="col" class="num">{{l.value}}</th><th scope="col" class="num">{{l.bloc_rank}}</th><th scope="col" class="num">{{l.in_bloc}}</th><th scope="col">{{l.still_short}}</th></tr></thead>
<tbody>{{#metrics}}<tr><th scope="row">{{name}}{{#clause}} <span class="small">({{clause}})</span>{{/clause}}</th><td class="num" data-label="{{l.value}}">{{#value}}{{#rate}}{{> rate}}{{/rate}}{{#mark}}<span class="st {{cls}}">{{symbol}} {{text}}</span>{{/mark}}{{#plain}}{{.}}{{/plain}}{{/value}}</td><td class="num" data-label="{{l.bloc_rank}}">{{rank}}</td><td class="num" data-label="{{l.in_bloc}}">{{bloc}}</td><td class="needs">{{#needs}}<span>{{.}}</span>{{/needs}}</td></tr>
{{/metrics}}</tbody>
</table>
</div>
{{#has_impossible}}<p class="small"><span class="flag">⚠ {{l.impossible}}</span>: {{l.impossible_note}}</p>{{/has_impossible}}
</section>
{{#has_milestones}}
<section>
<h2>{{l.milestones}}</h2>
<div class="tw" role="region" aria-label="{{l.milestones}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.milestone}}</th><th scope="col">{{l.deadline}}</th><th scope="col">{{l.status}}</th><th scope="col" class="num">{{l.done_target}}</th><th scope="col" class="num">{{l.remaining}}</th><th scope="col">{{l.completed_on}}</th><th scope="col">{{l.projected_on}}</th></tr></thead>
<tbody>{{#milestone_rows}}<tr><th scope="row">{{name}}</th><td>{{deadline}}</td><td class="st {{cls}}">{{symbol}} {{text}}</td><td class="num">{{value}}</td><td class="num">{{remaining}}</td><td>{{completed}}</td><td>{{projected}}</td></tr>
{{/milestone_rows}}</tbody>
</table>
</div>
</section>
{{/has_milestones}}
{{#leader_lists}}
<section>
<h2>{{title}}</h2>
{{^has}}<p>{{l.none}}</p>{{/has}}
{{#has}}
<div class="tw" role="region" aria-label="{{title}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.staff}}</th>{{#heads}}<th scope="col" class="num">{{name}}</th>{{/heads}}<th scope="col" class="num">{{l.score}}</th></tr></thead>
<tbody>{{#rows}}<tr><th scope="row">{{name}}</th>{{#values}}<td class="num">{{.}}</td>{{/values}}<td class="num">{{score}}</td></tr>
{{/rows}}</tbody>
</table>
</div>
{{/has}}
</section>
{{/leader_lists}}
{{#sub}}
<section id="sub">
<h2>{{l.sub_leaderboard}}</h2>
{{> plan_leaderboard}}
</section>
{{/sub}}
{{#sub_matrix}}
<section>
<h3>{{l.milestones}} – {{title}}</h3>
{{> matrix}}
</section>
{{/sub_matrix}}
{{#has_problems}}
<section id="records">
<h2>{{l.records_to_fix}}</h2>
<div class="tw" role="region" aria-label="{{l.records_to_fix}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.problem}}</th><th scope="col" class="num">{{l.count}}</th></tr></thead>
<tbody>{{#quality_counts}}<tr><th scope="row">{{name}}</th><td class="num">{{count}}</td></tr>{{/quality_counts}}</tbody>
</table>
</div>
{{#has_records}}
<p><a href="{{records_csv}}" download>{{l.download_csv}}</a></p>
<div class="tw" role="region" aria-label="{{l.records_to_fix}}: {{l.case_id}}" tabindex="0">
<table>
<thead><tr><th scope="col">{{l.case_id}}</th><th scope="col">{{l.prosecutor}}</th><th scope="col">{{l.accepted_on}}</th><th scope="col">{{l.problem}}</th><th scope="col">{{l.last_updated_on}}</th></tr></thead>
<tbody>{{#records}}<tr><th scope="row">{{case}}</th><td>{{prosecutor}}</td><td>{{accepted}}</td><td>{{problem}}</td><td>{{updated}}</td></tr>
{{/records}}</tbody>
</table>
</div>
<p class="small">{{more_rows}}</p>
{{/has_records}}
</section>
{{/has_problems}}
</main>
</body>
</html>

"""#),
        ("rate", #"""
{{! A rate in a table cell: its text, and a visible flag when the rate is impossible (SPEC §4.3). }}{{text}}{{#impossible}} <span class="flag">⚠ {{l.impossible}}</span>{{/impossible}}
"""#),
        ("style", #"""
<style>
:root { --ink: #1b1f24; --muted: #5b6470; --line: #c9d1da; --head: #e8eef5; --ok: #1f6f3f; --okbg: #dff3e6; --warn: #8a5a00; --warnbg: #fff1cc; --bad: #9b1c1c; --badbg: #fbe0e0; --info: #0b4f8a; --infobg: #e1eefa; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 0 auto; max-width: 1600px; padding: 1.2rem 1.5rem 3rem; color: var(--ink); line-height: 1.4; }
header.top { border-bottom: 3px solid #8a1c1c; margin-bottom: 1rem; padding-bottom: .6rem; }
h1 { font-size: 1.55rem; margin: .2rem 0; color: #8a1c1c; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta { color: var(--muted); margin: .2rem 0; }
.banner { padding: .5rem .8rem; border-left: 5px solid var(--info); background: var(--infobg); margin: .6rem 0; font-weight: 600; }
.banner.final { border-color: #8a1c1c; background: #f9e6e6; }
nav.toc a { margin-right: 1rem; }
a { color: var(--info); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
thead th { font-size: .9em; }
tbody th[scope=row] { font-weight: 500; min-width: 15rem; }
tr:nth-child(even) td { background: #fafbfc; }
.prio { color: var(--ok); font-weight: 700; }
.flag { color: var(--bad); background: var(--badbg); font-weight: 600; padding: 0 .2rem; white-space: nowrap; }
.up { color: var(--ok); } .down { color: var(--bad); } .new { color: var(--info); }
.st { white-space: nowrap; font-size: .85rem; }
.st.met { background: var(--okbg); color: var(--ok); }
.st.met_late { background: #edf7e0; color: #4d6b12; }
.st.missed { background: var(--badbg); color: var(--bad); font-weight: 600; }
.st.at_risk { background: var(--warnbg); color: var(--warn); font-weight: 600; }
.st.pending { background: var(--infobg); color: var(--info); }
.st.not_applicable, .st.no_data { color: var(--muted); }
.proposed { font-weight: 700; color: var(--ok); } .excluded { color: var(--bad); }
.accepted { color: var(--ok); } .incomplete, .late_rejected, .missing { color: var(--bad); font-weight: 600; } .pending { color: var(--warn); }
.tw { overflow-x: auto; max-width: 100%; margin: .4rem 0 1rem; }
.tw table { margin: 0; }
.tw:focus { outline: 2px solid var(--info); }
td.needs { min-width: 8rem; } td.needs span { display: block; font-size: .8rem; }
td.trend span.small { display: block; white-space: nowrap; }
figure.bars { margin: .4rem 0 .6rem; }
figure.bars figcaption { font-weight: 600; font-size: .9rem; margin-bottom: .3rem; }
figure.bars ol { list-style: none; margin: 0; padding: 0; }
figure.bars li { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) 4.2rem; gap: .5rem; align-items: center; font-size: .8rem; line-height: 1.25; padding: 1px 0; }
.b-lbl { text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.b-track { position: relative; height: .8rem; background: #eef1f4; }
.b-axis .b-track { background: none; height: 1.1rem; }
.b-bar { position: absolute; left: 0; top: 0; bottom: 0; background: #6b8fb3; } .b-bar.ok { background: #2e7d4f; }
.b-thr { position: absolute; top: -2px; bottom: -2px; border-left: 2px dashed #8a1c1c; }
.b-lo { position: absolute; left: 0; top: 0; } .b-thl { position: absolute; top: 0; transform: translateX(-50%); color: #8a1c1c; font-weight: 600; }
.b-val { font-variant-numeric: tabular-nums; white-space: nowrap; }
svg.spark { vertical-align: middle; }
svg.spark polyline { fill: none; stroke: #0b4f8a; stroke-width: 1.5; } svg.spark circle { fill: #0b4f8a; }
svg.spark line.mark { stroke: #8a1c1c; stroke-width: 1; stroke-dasharray: 2 2; }
@media screen {
  /* Wide tables scroll inside their box; the unit (and a leaderboard's rank) stay in view. */
  .tw tbody th[scope=row], .tw thead th:first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
  .tw thead th:first-child { background: var(--head); }
  .tw.lb tbody td:first-child, .tw.lb thead th:first-child { position: sticky; left: 0; z-index: 2; background: #fff; min-width: 2.6rem; }
  .tw.lb thead th:first-child { background: var(--head); }
  .tw.lb tbody th[scope=row], .tw.lb thead th:nth-child(2) { position: sticky; left: 2.6rem; z-index: 1; background: #fff; }
  .tw.lb thead th:nth-child(2) { background: var(--head); }
  tr:nth-child(even) th[scope=row], .tw.lb tr:nth-child(even) td:first-child { background: #fafbfc; }
}
@media screen and (max-width: 700px) {
  body { padding: .6rem .6rem 2rem; }
  h1 { font-size: 1.25rem; } h2 { font-size: 1.1rem; }
  table { font-size: .85rem; }
  tbody th[scope=row] { min-width: 8.5rem; max-width: 11rem; }
  nav.toc a { display: inline-block; margin: 0 .8rem .3rem 0; }
  figure.bars li { grid-template-columns: minmax(0, 1fr) 4rem; row-gap: 0; }
  figure.bars .b-lbl { grid-column: 1 / -1; text-align: left; white-space: normal; }
  figure.bars .b-axis .b-lbl { display: none; }
  /* A unit's metrics as one card per metric, so what it takes is read without scrolling. */
  .tw.cards { overflow-x: visible; }
  .tw.cards table, .tw.cards tbody, .tw.cards tr { display: block; width: 100%; }
  .tw.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .tw.cards tr { border: 1px solid var(--line); margin-bottom: .4rem; padding: .3rem .5rem; }
  .tw.cards th[scope=row], .tw.cards td { display: block; border: none; padding: .05rem 0; text-align: left; }
  .tw.cards tbody th[scope=row] { position: static; min-width: 0; max-width: none; font-weight: 700; background: none; }
  .tw.cards td { background: none; }
  .tw.cards td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  .tw.cards td:empty { display: none; }
}
.legend span { margin-right: .8rem; }
/* Words for a screen reader beside a symbol; not absolute, so nothing escapes a scrolling table box. */
.vh { display: inline-block; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; vertical-align: bottom; }
.small { font-size: .85rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 12mm 10mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  table { font-size: 7.5pt; width: 100%; }
  th, td { padding: 0 2px; line-height: 1.2; }
  /* What it takes on one line per row; the sparkline's text equivalent is for screens. */
  td.needs { min-width: 0; } td.needs span { display: inline; font-size: 6.5pt; } td.needs span + span::before { content: "; "; }
  td.trend span.small { display: none; }
  tbody th[scope=row] { min-width: 0; }
  .st, td.num { white-space: normal; }
  figure.bars li { font-size: 6.5pt; line-height: 1.05; padding: 0; }
  .b-track { height: 6pt; }
  .b-bar, .b-track, .b-thr { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .tw { overflow: visible; }
  nav.toc, .noprint { display: none; }
  thead { display: table-header-group; }
  tr, svg, figure.bars li { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  section { page-break-inside: auto; }
  a { color: inherit; text-decoration: none; }
  .st, .banner, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>

"""#),
    ]
}
