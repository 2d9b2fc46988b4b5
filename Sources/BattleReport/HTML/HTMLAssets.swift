/// The page's only style sheet and script, inlined: the report opens from
/// disk and as an e-mail attachment, with no network and no external fonts.
enum HTMLAssets {
    /// Blocks every external load; inline style and script only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    static let css = """
        :root{color-scheme:light;--fg:#1b1b1b;--muted:#5a5a5a;--line:#d9d9d9;--bg-alt:#f6f6f6;--bad:#b3261e;--warn:#8a5a00;--good:#0b6b3a}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",sans-serif;color:var(--fg);background:#fff}
        header,main,footer{max-width:1240px;margin:0 auto;padding:0 20px}
        header{padding-top:20px;border-bottom:1px solid var(--line)}
        h1{font-size:26px;margin:0 0 4px}
        h2{font-size:21px;margin:34px 0 10px;padding-top:8px;border-top:1px solid var(--line)}
        h3{font-size:17px;margin:22px 0 8px}
        .sub{color:var(--muted);margin:0 0 10px}
        nav{display:flex;flex-wrap:wrap;gap:4px 14px;padding:6px 0 12px;font-size:14px}
        a{color:#0059a0}
        table{border-collapse:collapse;margin:6px 0 10px;font-size:13.5px}
        th,td{padding:4px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:var(--bg-alt);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.kv th{background:none;width:210px;color:var(--muted);font-weight:500}
        tr.best td:first-child{font-weight:700}
        td.best{font-weight:700}
        td.good{color:var(--good)}
        td.warn{color:var(--warn)}
        td.bad{color:var(--bad)}
        tr.failed td{color:var(--bad)}
        .badge{display:inline-block;font-size:11.5px;padding:0 6px;border-radius:9px;border:1px solid currentColor;margin-left:4px;white-space:nowrap}
        .badge.stripped{color:#6b4c00}
        .badge.bad{color:var(--bad)}
        .badge.warn{color:var(--warn)}
        .badge.good{color:var(--good)}
        .swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(540px,1fr));gap:18px 26px}
        .figures.small{grid-template-columns:repeat(auto-fit,minmax(380px,1fr))}
        figure{margin:0}
        figure h4{font-size:15px;margin:6px 0 2px}
        figure svg{width:100%;height:auto;display:block}
        figure p.caption{font-size:12.5px;color:var(--muted);margin:2px 0 0}
        pre.failure{background:#fbf1f0;border-left:3px solid var(--bad);padding:8px 10px;white-space:pre-wrap;font-size:12.5px;margin:4px 0 14px}
        details{margin:4px 0 14px}
        summary{cursor:pointer;color:#0059a0;font-size:14px}
        dl.method dt{font-weight:600;margin-top:8px}
        dl.method dd{margin:0 0 0 0;color:#333}
        footer{color:var(--muted);font-size:13px;padding:24px 20px 40px}
        svg text{font-family:inherit}
        svg .tick-label{font-size:11px;fill:#444}
        svg .axis-title{font-size:12.5px;fill:#1b1b1b;font-weight:600}
        svg .legend-label,svg .category-label{font-size:12px;fill:#1b1b1b}
        svg .group-label{font-size:12px;font-weight:700;fill:#1b1b1b}
        svg .value-label{font-size:11px;fill:#1b1b1b}
        svg .band-label{font-size:11px;fill:#555}
        svg .ref-label{font-size:11px;fill:#8a1c13;font-weight:600}
        svg .grid{stroke:#e6e6e6;stroke-width:1}
        svg .axis-line,svg .tick{stroke:#555;stroke-width:1}
        svg .line{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
        svg .dot{stroke:#fff;stroke-width:1}
        svg .legend-swatch{stroke-width:3}
        svg .whisker{stroke:#1b1b1b;stroke-width:1.2}
        svg .band{fill:#f2f2f2}
        svg .ref{stroke:#8a1c13;stroke-width:1.3;stroke-dasharray:6 4}
        @media print{h2{break-before:auto}figure,table{break-inside:avoid}nav{display:none}}
        """

    /// Runs once on load and writes what it found into #battle-selfcheck
    /// (hidden): every chart laid out, with at least one drawn mark and
    /// visible axis titles and tick labels; no script error; nothing loaded
    /// from outside the page. `scripts/check-report-html` reads it from a
    /// headless browser. It changes nothing a reader sees.
    static let selfCheckScript = """
        (function () {
          var problems = [];
          window.addEventListener('error', function (e) { problems.push('error: ' + (e.message || (e.target && e.target.tagName) || 'unknown')); }, true);
          document.addEventListener('securitypolicyviolation', function (e) { problems.push('blocked by the page policy: ' + e.blockedURI); });
          function visible(el, box) {
            var r = el.getBoundingClientRect(), st = window.getComputedStyle(el);
            return el.textContent.trim() !== '' && r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none' &&
              parseFloat(st.opacity) > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
          }
          window.addEventListener('load', function () {
            var charts = document.querySelectorAll('svg.chart'), marks = 0;
            for (var i = 0; i < charts.length; i++) {
              var svg = charts[i], box = svg.getBoundingClientRect(), id = svg.id || ('chart ' + i);
              if (box.width < 100 || box.height < 60) problems.push(id + ': not laid out');
              var drawn = 0, m = svg.querySelectorAll('.mark');
              for (var j = 0; j < m.length; j++) { var b = m[j].getBBox(); if (b.width > 0 || b.height > 0) drawn++; }
              if (drawn === 0) problems.push(id + ': no drawn mark');
              marks += drawn;
              var titles = svg.querySelectorAll('.axis-title'), shownTitles = 0;
              for (var k = 0; k < titles.length; k++) if (visible(titles[k], box)) shownTitles++;
              if (titles.length === 0 || shownTitles < titles.length) problems.push(id + ': axis title missing or not visible');
              var ticks = svg.querySelectorAll('.tick-label'), shownTicks = 0;
              for (var t = 0; t < ticks.length; t++) if (visible(ticks[t], box)) shownTicks++;
              if (shownTicks < 2) problems.push(id + ': fewer than two visible tick labels');
            }
            var loaded = performance.getEntriesByType('resource');
            if (loaded.length) problems.push(loaded.length + ' external resource(s) requested, first ' + loaded[0].name);
            var out = document.getElementById('battle-selfcheck');
            out.setAttribute('data-status', problems.length ? 'fail' : 'ok');
            out.setAttribute('data-charts', String(charts.length));
            out.setAttribute('data-marks', String(marks));
            out.setAttribute('data-height', String(Math.ceil(document.documentElement.scrollHeight)));
            out.textContent = problems.join('\\n');
          });
        })();
        """
}
