#!/usr/bin/env python3
"""Opens report pages in headless Chromium (Debian's chromium and chromium-driver, through
selenium) at a phone width and a desktop width, and checks what a leader would meet:
- the page never scrolls sideways (document scroll width <= window width);
- axe-core (axe-selenium-python) finds no violation of the serious or critical kinds;
- every chart and sparkline keeps a text equivalent; no text of a chart is below 12 CSS px.
Usage: check_layout.py PAGE.html [PAGE.html ...]; prints a JSON summary, exits 1 on a failure."""
import json
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTHS = [390, 1400]
options = Options()
options.binary_location = "/usr/bin/chromium"
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]:
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
# axe-core on the index (thousands of cells) takes seconds, more on a loaded CI machine.
driver.set_script_timeout(600)
driver.set_page_load_timeout(300)
failures, results = [], []
try:
    for width in WIDTHS:
        # The window's inner width is what the page lays out against.
        driver.set_window_size(width, 1000)
        for page in sys.argv[1:]:
            driver.get("file://" + page)
            inner = driver.execute_script("return window.innerWidth")
            if inner != width:
                driver.set_window_size(width + (width - inner), 1000)
                driver.get("file://" + page)
                inner = driver.execute_script("return window.innerWidth")
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            smallest = driver.execute_script("""
                let m = 1000;
                for (const e of document.querySelectorAll('figure.bars li span, svg.spark + span, td.needs span')) {
                    if (e.textContent.trim() && e.offsetParent !== null) m = Math.min(m, parseFloat(getComputedStyle(e).fontSize));
                }
                // Text inside an SVG chart shrinks with the drawing: measure its rendered height.
                for (const t of document.querySelectorAll('svg text')) {
                    if (t.textContent.trim()) m = Math.min(m, t.getBoundingClientRect().height);
                }
                return m;""")
            untitled = driver.execute_script("""
                return [...document.querySelectorAll('svg')].filter(s => !s.getAttribute('aria-label') && !s.querySelector('title')).length
                     + [...document.querySelectorAll('figure.bars')].filter(f => !f.querySelector('figcaption')).length;""")
            axe = Axe(driver)
            axe.inject()
            report = axe.run()
            serious = [v for v in report["violations"] if v.get("impact") in ("serious", "critical")]
            results.append({"page": page.split("/")[-1], "width": inner, "scroll_width": scroll,
                             "smallest_chart_text_px": smallest, "untitled_charts": untitled,
                             "axe_passes": len(report["passes"]), "axe_violations": [(v["id"], v["impact"]) for v in report["violations"]]})
            if scroll > inner:
                failures.append(f"{page} at {inner}px: the page scrolls sideways ({scroll}px wide)")
            if smallest < 12:
                failures.append(f"{page} at {inner}px: chart text {smallest}px, below 12px")
            if untitled:
                failures.append(f"{page} at {inner}px: {untitled} chart(s) without a text equivalent")
            for v in serious:
                nodes = "; ".join(n["target"][0] if n.get("target") else "?" for n in v["nodes"][:3])
                failures.append(f"{page} at {inner}px: axe {v['impact']} {v['id']}: {v['help']} ({nodes})")
finally:
    driver.quit()
print(json.dumps({"pages": results, "failures": failures}, ensure_ascii=False))
sys.exit(1 if failures else 0)
