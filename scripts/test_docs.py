#!/usr/bin/env python3
"""Check the documentation site: the build tool's own tests (scripts/docs_build.py: which cells the docs build runs,
Quarto -> MkDocs conversion, README), then the built site (_site/, from `bash scripts/docs.sh`) in headless Chromium:
the index has its title and lists every notebook page in notebook order; every page of the navigation opens, its
images load, no cell output holds a traceback, wide tables scroll and no table cell shows a literal `\\|`; every module
page shows show_doc headings of the names its module exports; SITE_PAGES show their title and show_doc signatures (a
method's too: QADataset.split); the results pages with plots (04, 05, 07, 09) show at least one loaded image; searching
"load_qa" finds load_qa, with the site opened from disk and served over http. Saves _site/screenshot-index.png.
Prints each check; exits 1 on failure, naming every check that failed.
Needs Chromium for the site: apt-get install -y chromium chromium-driver  (or: bash scripts/docs.sh --install-browser).
Usage: python scripts/test_docs.py [--unit] [--if-browser] [--site _site] [--page 03_finetune.html:Finetuning:finetune]
  --unit        only the build tool's tests (no browser, no built site)
  --if-browser  without Chromium, run only those and say plainly that the Chromium checks were skipped"""
from __future__ import annotations
import argparse, ast, copy, html, json, os, re, shutil, subprocess, sys, tempfile, warnings
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT/'scripts'), str(ROOT)]
from docs_build import *  # noqa: F403 (the tool under test)
from docs_build import _table_pipes, _fm, _settings, _err_line, nb_pages
from fastcore.test import test_eq, test_fail

# ----------------------------------------------------------------------------------------------------------------------
# Loading pages in headless Chromium

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync']

def find_browser() -> str:
    "Path of headless-capable Chromium: `$CHROMIUM`, else chromium, chromium-browser or google-chrome on PATH"
    for b in [os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome']:
        if b and (p := shutil.which(b)): return p
    raise FileNotFoundError("No Chromium found: install it with `apt-get install -y chromium chromium-driver` "
                            "(or `bash scripts/docs.sh --install-browser`), or set $CHROMIUM to its path")


def browse(url:str, # page to load (a file path or URL)
           *args:str, # extra Chromium flags, e.g. --dump-dom or --screenshot=PATH
           browser:str|None=None, # Chromium binary; default `find_browser()`
           timeout:int=120 # seconds before giving up
          ) -> str:
    "Load `url` in headless Chromium with `CHROMIUM_FLAGS` plus `args`; its stdout"
    if '://' not in str(url):
        f, _, frag = str(url).partition('#'); url = Path(f).resolve().as_uri() + ('#' + frag if frag else '')
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([browser or find_browser(), *CHROMIUM_FLAGS, f'--user-data-dir={prof}',
                            '--virtual-time-budget=10000', *args, url], capture_output=True, text=True, timeout=timeout)
    if r.returncode: raise RuntimeError(f"chromium exited {r.returncode} on {url}: {r.stderr.strip()[-200:]}")
    return r.stdout


_probe_js = """<script>window.addEventListener('load', () => {
  const t = e => e.textContent.replace(/\u00b6/g, '').trim(), all = s => [...document.querySelectorAll(s)];
  const scrolls = e => { for (; e && e !== document.body; e = e.parentElement) {
    const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const r = {title: document.title, h1: all('article h1, .md-content h1').map(t),
    heads: all('article h2, article h3').map(t),
    nav: all('nav.md-nav--primary a.md-nav__link[href]').map(a => a.getAttribute('href')), code: all('pre').map(t),
    images: [...document.images].map(i => ({src: i.getAttribute('src').slice(0, 80), w: i.naturalWidth})),
    tracebacks: all('.jp-OutputArea-output').map(t).filter(s => s.includes('Traceback')).map(s => s.slice(0, 120)),
    clipped: all('article table').filter(e => e.scrollWidth > e.parentElement.clientWidth + 1 && !scrolls(e))
                                 .map(e => t(e).slice(0, 80)),
    pipes: all('article td, article th').map(t).filter(s => s.includes('\\\\|'))};
  const p = document.createElement('pre'); p.id = 'metaft-probe'; p.textContent = JSON.stringify(r);
  document.body.appendChild(p);
});</script>"""


def page_report(page:str|Path, # a built HTML page
                browser:str|None=None # Chromium binary; default `find_browser()`
               ) -> dict:
    "What Chromium shows of `page`: title, h1, h2/h3, nav, code, images, tracebacks, clipped tables, `\\|` in cells"
    page = Path(page)
    if not page.exists(): raise FileNotFoundError(f"{page} not found: build the site first with `bash scripts/docs.sh`")
    probe = page.with_name(f'_probe_{page.name}')
    probe.write_text(page.read_text(encoding='utf-8').replace('</body>', _probe_js + '</body>'), encoding='utf-8')
    try: dom = browse(probe, '--dump-dom', '--window-size=1280,900', browser=browser)
    finally: probe.unlink()
    m = re.search(r'<pre id="metaft-probe">(.*?)</pre>', dom, re.S)
    if not m: raise RuntimeError(f"{page}: the page did not finish loading in Chromium (no probe output)")
    return json.loads(html.unescape(m[1]))


_search_js = """<script>window.addEventListener('load', () => {
  const t0 = Date.now(), i = document.querySelector('.md-search__input');
  const done = () => console.log('METAFT-PROBE ' + JSON.stringify({ms: Date.now() - t0,
    results: [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href'))}));
  const poll = () => {
    if (document.querySelector('.md-search-result__item') || Date.now() - t0 > TIMEOUT) return done();
    i.value = QUERY; i.dispatchEvent(new Event('input', {bubbles: true}));
    i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
    setTimeout(poll, 250); };
  i.focus(); poll();
});</script>"""


def console_probe(url:str, # page to load (a file path or URL)
                  marker:str='METAFT-PROBE ', # the page logs its report as `marker` + JSON on the console
                  timeout:float=60, # seconds before giving up
                  browser:str|None=None # Chromium binary; default `find_browser()`
                 ) -> dict:
    "Load `url` in headless Chromium in real time (Web Workers run) and return the JSON the page logs after `marker`"
    import time, signal
    if '://' not in str(url): url = Path(url).resolve().as_uri()
    with tempfile.TemporaryDirectory() as prof, tempfile.TemporaryFile('w+') as log:
        args = [f'--user-data-dir={prof}', '--enable-logging=stderr', '--v=0', '--remote-debugging-port=0', url]
        p = subprocess.Popen([browser or find_browser(), *CHROMIUM_FLAGS, *args], stdout=subprocess.DEVNULL, stderr=log,
                             start_new_session=True)
        try:
            end = time.time() + timeout
            while time.time() < end and p.poll() is None:
                time.sleep(0.25); log.seek(0)
                if m := re.search(re.escape(marker) + r'(\{.*\})", source', log.read()): return json.loads(m[1])
        finally:
            os.killpg(p.pid, signal.SIGKILL); p.wait()
    raise RuntimeError(f"{url}: no {marker.strip()} report within {timeout}s")


def search_report(site:str|Path, # the built site
                  query:str, # what to type into the search box
                  served:bool=False, # serve `site` over http on localhost (else open it from disk)
                  timeout:float=30, # seconds to wait for results
                  browser:str|None=None # Chromium binary; default `find_browser()`
                 ) -> dict:
    "Type `query` into the index page's search box in headless Chromium; `{'results': [hrefs], 'ms': ...}`"
    import http.server, threading, functools
    site = Path(site); probe = site/'_probe_search.html'
    js = _search_js.replace('QUERY', json.dumps(query)).replace('TIMEOUT', str(int(timeout * 1000)))
    probe.write_text((site/'index.html').read_text(encoding='utf-8').replace('</body>', js + '</body>'), 'utf-8')
    srv = None
    try:
        if served:
            class Quiet(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *a): pass
            srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
            threading.Thread(target=srv.serve_forever, daemon=True).start()
        url = f'http://127.0.0.1:{srv.server_address[1]}/{probe.name}' if served else probe
        return console_probe(url, timeout=timeout + 30, browser=browser)
    finally:
        probe.unlink()
        if srv: srv.shutdown(); srv.server_close()


def check_page(page:str|Path, # a built HTML page
               title:str|None=None, # the H1 the page must have; None for any
               sig:str|None=None, # a function or class whose show_doc signature must be shown
               image:bool=False, # must the page show at least one loaded image?
               nav:list|None=None, # hrefs the primary navigation must list, in this order
               heading:str|None=None, # an h2/h3 the page must have, e.g. a method's show_doc `QADataset.split`
               api:list|None=None, # names the module exports: the page must show a show_doc heading of one at least
               browser:str|None=None, # Chromium binary; default `find_browser()`
               log=None # called with each check that passed, e.g. `print`
              ) -> list[str]:
    "Check `page` in headless Chromium; the checks that passed, or `AssertionError` naming the first that failed"
    r, ok, name = page_report(page, browser), [], Path(page).name
    def chk(cond, good, bad):
        if not cond: raise AssertionError(f"{page}: {bad}")
        ok.append(f"ok {name}: {good}")
        if log: log(ok[-1])
    if title: chk(title in r['h1'], f"title {title!r}", f"no H1 {title!r} (H1s: {r['h1']})")
    if sig: chk(any(re.search(rf'\b(def|class) {re.escape(sig)}\b', c) for c in r['code']),
                f"signature of {sig} from show_doc", f"no signature 'def {sig}(' in its code blocks")
    if heading: chk(heading in r['heads'], f"heading {heading!r} (show_doc)", f"no heading {heading!r}")
    if api: chk(shown := [n for n in api if n in r['heads']], f"show_doc of {len(shown)} of its {len(api)} exports",
                f"no show_doc heading of its exports {api[:4]} (did the docs build run its show_doc?)")
    bad = [i['src'] for i in r['images'] if not i['w']]
    chk(not bad, f"{len(r['images'])} image(s), all loaded (naturalWidth {[i['w'] for i in r['images']]})",
        f"images did not load: {bad}")
    if image: chk(r['images'], "has an image", "has no image")
    chk(not r['tracebacks'], "no traceback in cell outputs", f"a cell output holds a traceback: {r['tracebacks'][:1]}")
    chk(not r['clipped'], "wide tables scroll", f"tables wider than the page that do not scroll: {r['clipped'][:2]}")
    chk(not r['pipes'], "no literal \\| in tables", f"table cells show a literal \\|: {', '.join(r['pipes'][:2])}")
    if nav is not None:
        got = [h for h in r['nav'] if h.split('#')[0] in nav]
        got = [h for i, h in enumerate(got) if h not in got[:i]]
        miss = [p for p in nav if p not in got]
        chk(got == nav, f"navigation lists {len(nav)} pages in notebook order",
            f"navigation lacks {miss} (did scripts/docs.sh print FAILED?)" if miss else
            f"navigation {got} is not in the order {nav}")
    return ok


# ----------------------------------------------------------------------------------------------------------------------
# Checking the whole site

SITE_PAGES = {'00_data.html': ('QA data', 'load_qa', False, 'QADataset.split'),
              '03_finetune.html': ('Finetuning', 'finetune', False),
              '05_surrogates.html': (None, 'fit_surrogates', True),
              '08_prime.html': (None, 'prime', False),
              '09_tune.html': (None, 'tune', True),
              '11_docs.html': ('Documentation site', None, True)}
RESULT_PAGES = ['04_metadataset.html', '05_surrogates.html', '07_benchmark.html', '09_tune.html']  # 08: tables only


def api_names(nb:str|Path, # a notebook
              lib:str|Path # the package its `default_exp` exports into
             ) -> list[str]:
    "The functions and classes of `__all__` in the module `nb` exports (what nbdev adds show_doc for); [] for none"
    src = '\n'.join(''.join(c['source']) for c in json.loads(Path(nb).read_text(encoding='utf-8'))['cells']
                    if c['cell_type'] == 'code')
    if not (m := re.search(r'^\s*#\|\s*default_exp\s+(\S+)', src, re.M)): return []
    f = Path(lib)/(m[1].replace('.', '/') + '.py')
    if not f.is_file(): return []
    tree = ast.parse(f.read_text(encoding='utf-8'))
    names = next((ast.literal_eval(t.value) for t in tree.body if isinstance(t, ast.Assign)
                  and any(getattr(g, 'id', '') == '__all__' for g in t.targets)), [])
    defs = {t.name for t in tree.body if isinstance(t, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    return [n for n in names if n in defs]


def source_links(site:str|Path # the built site
                ) -> tuple[int, list]:
    "How many links of the site's pages go to `src/`, and those whose page or line anchor is missing"
    from html.parser import HTMLParser
    site, hrefs, text = Path(site), [], {}
    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == 'a' and (h := dict(attrs).get('href') or '').startswith('src/'): hrefs.append(h)
    for p in site.glob('*.html'): Links().feed(p.read_text(encoding='utf-8'))
    for h in hrefs:
        f = h.partition('#')[0]
        if f not in text: text[f] = (site/f).read_text(encoding='utf-8') if (site/f).is_file() else None
    return len(hrefs), [h for h in hrefs if text[h.partition('#')[0]] is None or
                        ('#' in h and f'id="{h.partition("#")[2]}"' not in text[h.partition('#')[0]])]


def _page_checks(nbs:Path, pages:dict, results:list) -> dict:
    "page -> (title, signature, image, heading, api) for the index and every notebook page of `nbs`"
    nav, lib = nb_pages(nbs), _settings()['lib']
    checks = {p: (None, None, False, None) for p in nav[1:]}
    checks.update({p: (None, None, True, None) for p in results})
    checks.update({p: (tuple(v) + (None,))[:4] for p, v in pages.items()})
    checks = {'index.html': ('metaft', None, False, None), **checks}
    return {p: v + (api_names(Path(nbs)/Path(p).with_suffix('.ipynb').name, lib) or None,) for p, v in checks.items()}


def check_site(site:str|Path='_site', # the built site
               nbs:str|Path|None=None, # the notebooks the navigation must list; default `nbs/` next to `site`
               pages:dict|None=None, # page -> (title, signature, must show an image[, heading]); default `SITE_PAGES`
               results:list|None=None, # pages that must show a loaded image (plots); default `RESULT_PAGES`
               search:dict|None=None, # query -> how a result's href ends; default {'load_qa': '00_data.html#load_qa'}
               screenshot:str|Path|None='screenshot-index.png', # PNG of the index to save under `site`; None for none
               browser:str|None=None, # Chromium binary; default `find_browser()`
               log=None # called with each check that passed, e.g. `print`
              ) -> list[str]:
    "Check the built site in headless Chromium: every page, `pages` and `results` closely, source links, search"
    site = Path(site); ok, fails = [], []
    def good(s):
        ok.append(s)
        if log: log(s)
    if screenshot:  # first, so that a failing check still leaves a picture to look at
        if not (site/'index.html').exists():
            raise FileNotFoundError(f"{site/'index.html'} not found: build the site first with `bash scripts/docs.sh`")
        browse(site/'index.html', f'--screenshot={(site/screenshot).resolve()}', '--window-size=1280,900',
               '--hide-scrollbars', browser=browser)
        good(f"ok screenshot {site/screenshot} ({(site/screenshot).stat().st_size} bytes)")
    nbs = Path(nbs or site.resolve().parent/'nbs'); nav = nb_pages(nbs)
    checks = _page_checks(nbs, SITE_PAGES if pages is None else pages, RESULT_PAGES if results is None else results)
    for p, (t, sig, img, head, api) in checks.items():
        try: ok += check_page(site/p, t, sig, img, nav if p == 'index.html' else None, head, api, browser, log)
        except (AssertionError, FileNotFoundError, RuntimeError) as e: fails.append(str(e))
    n, bad = source_links(site)
    if n and not bad: good(f"ok {n} source links reach their line in src/")
    else: fails.append(f"source links: {n} found, broken: {bad[:3]}")
    for q, want in (search or {'load_qa': '00_data.html#load_qa'}).items():
        for served in (False, True):
            how = 'served' if served else 'from disk'
            try: r = search_report(site, q, served, browser=browser)
            except RuntimeError as e: fails.append(f"search {how}: {e}"); continue
            if any(h.endswith(want) for h in r['results']): good(f"ok search {how}: {q!r} finds {want} ({r['ms']} ms)")
            else: fails.append(f"search {how}: {q!r} does not find {want} (results: {r['results'][:5]})")
    if fails: raise AssertionError('; '.join(fails))
    return ok


# ----------------------------------------------------------------------------------------------------------------------
# The build tool's tests (no browser): each asserts what scripts/docs_build.py promises

def _nb(*cells): return dict(cells=list(cells), metadata={}, nbformat=4, nbformat_minor=4)
def _c(kind, src, **kw):
    return dict(cell_type=kind, metadata={}, source=src, **(dict(execution_count=None) if kind=='code' else {}), **kw)
def _out(data): return dict(output_type='execute_result', execution_count=None, metadata={}, data=data)


def test_docs_run():
    "Which part of a cell the docs build runs"
    test_eq(docs_run('x = 1', {'export': []}), ('whole', 'x = 1'))
    test_eq(docs_run('import os\nfrom pathlib import Path', {}), ('whole', 'import os\nfrom pathlib import Path'))
    test_eq(docs_run('show_doc(f)', {}), ('whole', 'show_doc(f)'))
    test_eq(docs_run('import os\nx = f(hot)\nfrom a import (b,\n  c)', {}),
            ('imports', 'import os\nfrom a import (b,\n  c)'))
    test_eq(docs_run('def f():\n    import os', {}), ('skip', ''))  # nbdev's own rule runs it: it contains an import
    test_eq(docs_run('x = 1', {}), ('skip', ''))
    test_eq(docs_run('import os', {'eval:': ['false']}), ('skip', ''))
    test_eq(docs_run('!pip install x', {}), ('skip', ''))
    test_eq(docs_run('import os\nnbdev_export()', {}), ('skip', ''))
    test_eq(docs_run("sys.path.insert(0, 'x'); import nosuch\nimport os", {}), ('imports', 'import nosuch\nimport os'))


def _proc_nb(nb, procs):
    "Process notebook `nb` (a dict) with `procs` as the docs build does; the processed notebook, or the exception"
    import nbdev.serve_drv
    with tempfile.TemporaryDirectory() as d:
        src, dst = Path(d)/'t.ipynb', Path(d)/'out.ipynb'
        src.write_text(json.dumps(nb))
        try: nbdev.serve_drv.main((src, dst, procs))
        except Exception as e: os.environ.pop('IN_TEST', None); return e
        return json.loads(dst.read_text())


def test_exec_docs():
    "A mixed cell that needs an unrun cell breaks nbdev's rule, not this build's; a real error names its cell"
    from nbdev.processors import FilterDefaults
    cells = [_c('raw', '---\ntitle: T\n---'), _c('code', '#| export\ndef f(x): "Double"; return 2*x'),
             _c('code', 'hot = 3'), _c('code', 'import math\nprint(f(hot))', outputs=[dict(output_type='stream',
               name='stdout', text=['6\n'])], id='mixedid1'),
             _c('code', "sys.path.insert(0, 'x'); import nosuch_module\nimport fractions\nx = 1"),
             _c('code', 'show_doc(fractions.Fraction)')]  # the mixed cell's import that works ran
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # nbdev's "Found cells containing imports and other code"
        e = _proc_nb(_nb(*cells), FilterDefaults)
    test_eq((type(e).__name__, type(e.__cause__).__name__, str(e.__cause__)),
            ('Exception', 'NameError', "name 'hot' is not defined"))
    out = _proc_nb(_nb(*cells), DocsFilter)
    srcs = [''.join(c['source']) for c in out['cells']]
    test_eq(any('show_doc(f)' in s for s in srcs), True)
    mixed = next(c for c in out['cells'] if 'print(f(hot))' in ''.join(c['source']))
    test_eq(mixed['outputs'][0]['text'], ['6\n'])  # its saved output stays
    bad = _nb(*cells, _c('code', 'def g(): "G"', id='gdef0001'), _c('code', 'show_doc(g)', id='sdg00001'))
    e = _proc_nb(bad, DocsFilter)
    test_eq((type(e).__name__, e.cell_id, type(e.__cause__).__name__), ('DocsCellError', 'sdg00001', 'NameError'))
    with tempfile.TemporaryDirectory() as d:
        (Path(d)/'t.ipynb').write_text(json.dumps(bad))
        test_eq(_err_line(Path(d)/'t.ipynb', e).split(' (the')[0].replace(d, 'D'),
                "D/t.ipynb: cell 8 (id sdg00001) (`show_doc(g)`): NameError: name 'g' is not defined")
        test_eq([l.replace(d, 'D') for l in mixed_cells(d)][0],
                'D/t.ipynb: cell 4 (id mixedid1) `import math`: this build runs only its imports')


def test_pages():
    "The page each notebook becomes, and which the built site lacks"
    with tempfile.TemporaryDirectory() as d:
        for n in ['10_cli', 'index', '00_data', '_scratch', '01a_x']: (Path(d)/f'{n}.ipynb').touch()
        test_eq(nb_pages(d), ['index.html', '00_data.html', '01a_x.html', '10_cli.html'])
        (Path(d)/'site').mkdir(); (Path(d)/'site/index.html').touch(); (Path(d)/'site/10_cli.html').touch()
        test_eq(missing_pages(Path(d)/'site', d), ['00_data.html', '01a_x.html'])


def test_cell_opts_fix_md():
    "Quarto's cell options and markdown as MkDocs' notebooks need them"
    test_eq(cell_opts("#| echo: false\n#| output: asis\nshow_doc(f)"),
            ({'echo':'false', 'output':'asis'}, 'show_doc(f)'))
    test_eq(cell_opts("#| slow\nx = 1\n#| not an option"), ({'slow':''}, 'x = 1\n#| not an option'))
    test_eq(cell_opts("x = 1"), ({}, 'x = 1'))
    test_eq(_table_pipes('| `a\\|b` | `c` |'), '| <code>a&#124;b</code> | `c` |')
    md = '[source](https://x.io/m/finetune.py#L20){target="_blank" style="float:right"}\n\n### Param'
    test_eq(fix_md(md), '<a href="https://x.io/m/finetune.py#L20" target="_blank" style="float:right">source</a>\n\n'
                        '### Param')
    md = 'See [`Param`](https://x.io/m/finetune.html#param) and [x](https://x.io/m/other.html#y).'
    test_eq(fix_md(md, 'https://x.io/m/', {'finetune.html':'03_finetune.html'}),
            'See [`Param`](03_finetune.html#param) and [x](https://x.io/m/other.html#y).')
    test_eq(fix_md('`[a](u){x}` and\n```\n[a](u){x}\n```'), '`[a](u){x}` and\n```\n[a](u){x}\n```')
    test_eq(fix_md('```python\ndef f(x, # see [`g`](https://x.io/m/a.html#g)\n```'),
            '```python\ndef f(x, # see `g`\n```')
    src = 'https://github.com/o/r/blob/main/'
    test_eq(fix_md(f'[source]({src}m/finetune.py#L20)' + '{target="_blank"}', src=src),
            '<a href="src/m/finetune.py.html#L-20" target="_blank">source</a>')
    test_eq(fix_md(f'[m]({src}m/a.py) and [n]({src}README.md)', src=src),
            f'[m](src/m/a.py.html) and [n]({src}README.md)')
    row = '| `tune --data PATH\\|task:NAME` | `a<b` | x\\|y |'
    test_eq(fix_md(row), '| <code>tune --data PATH&#124;task:NAME</code> | `a<b` | x\\|y |')
    test_eq(fix_md('`a\\|b` outside a table\n```\n| `a\\|b` |\n```'), '`a\\|b` outside a table\n```\n| `a\\|b` |\n```')


FM = _c('raw', "---\ndescription: Finetune things\noutput-file: finetune.html\ntitle: Finetuning\n\n---\n\n")
SD = _c('code', "#| echo: false\n#| output: asis\nshow_doc(Param)",
        outputs=[dict(output_type='execute_result', data={'text/markdown':['### Param\n', '[s](u){target="_blank"}']})])


def test_mkdocs_nb():
    "A processed notebook as MkDocs' notebook: title, tags for Quarto's options, links"
    test_eq(_fm(dict(cell_type='raw', source='---\ntitle: T\n---')), {'title': 'T'})
    fm, sd = copy.deepcopy(FM), copy.deepcopy(SD)
    nb = mkdocs_nb(_nb(fm, sd, _c('code', "#| slow\nx = 1", outputs=[]), _c('markdown', '')))
    test_eq([c['cell_type'] for c in nb['cells']], ['markdown', 'code', 'code'])
    test_eq(nb['cells'][0]['source'], '# Finetuning\n\n> Finetune things')
    test_eq(nb['cells'][1]['metadata']['tags'], ['remove-input'])
    test_eq(nb['cells'][1]['outputs'][0]['data']['text/markdown'], '### Param\n<a href="u" target="_blank">s</a>')
    test_eq(nb['cells'][2]['source'], 'x = 1')
    test_eq(sd['source'].startswith('#| echo'), True)  # the input notebook is left alone


def test_mkdocs_input():
    "MkDocs' input: mkdocs.yml names the CSS and the search shim; source pages; the folder written from `_proc/`"
    yml = (ROOT/'mkdocs.yml').read_text()
    test_eq(('  - offline' in yml, 'polyfills: [iframe-worker-metaft.js]' in yml, 'metaft.css' in yml),
            (True, True, True))
    test_eq(SEARCH_SHIM.count('{') == SEARCH_SHIM.count('}'), True)
    with tempfile.TemporaryDirectory() as d:
        (Path(d)/'pkg/sub').mkdir(parents=True)
        (Path(d)/'pkg/a.py').write_text('x = 1\ndef f(): return x\n'); (Path(d)/'pkg/sub/b.py').write_text('y = 2\n')
        ps = source_pages(Path(d)/'pkg', Path(d)/'site/src/pkg')
        test_eq([p.relative_to(d).as_posix() for p in ps], ['site/src/pkg/a.py.html', 'site/src/pkg/sub/b.py.html'])
        pg = ps[0].read_text()
        test_eq(('id="L-2"' in pg, 'href="../../index.html"' in pg), (True, True))
        test_eq('href="../../../index.html"' in ps[1].read_text(), True)
    test_eq(_settings()['src'], 'https://github.com/metaft/metaft/blob/main/')
    with tempfile.TemporaryDirectory() as d:
        p = Path(d)/'_proc'; (p/'images').mkdir(parents=True); (p/'images/a.png').write_bytes(b'png')
        (Path(d)/'pkg').mkdir(); (Path(d)/'pkg/finetune.py').write_text('def f(): pass\n')
        nb = _nb(FM, SD, _c('markdown', '[`Param`](https://x.io/m/finetune.html#param)'),
                 _c('markdown', '[source](https://g.io/r/blob/main/pkg/finetune.py#L1)'))
        (p/'03_finetune.ipynb').write_text(json.dumps(nb))
        out = mkdocs_input(p, base='https://x.io/m/', src='https://g.io/r/blob/main/', lib=Path(d)/'pkg')
        test_eq(sorted(o.relative_to(out).as_posix() for o in out.rglob('*') if o.is_file()),
                ['03_finetune.ipynb', 'iframe-worker-metaft.js', 'images/a.png', 'metaft.css',
                 'src/pkg/finetune.py.html'])
        test_eq([c['source'] for c in json.loads((out/'03_finetune.ipynb').read_text())['cells'][-2:]],
                ['[`Param`](03_finetune.html#param)', '[source](src/pkg/finetune.py.html#L-1)'])
    try: raise Exception("Error in notebook: QA data in cell 48 :\nimport pyarrow as pa\nx = tmp") from NameError("tmp")
    except Exception as e: test_eq(_err_line('nbs/00_data.ipynb', e).split(' (the')[0],
        "nbs/00_data.ipynb: Error in notebook: QA data in cell 48 (`import pyarrow as pa`): NameError: tmp")


def test_readme():
    "README.md from the index notebook, its links to the site's pages as links to the notebooks"
    md, outs = readme_md(_nb(_c('raw', "---\ndescription: Learn things\ntitle: metaft\n---"),
                             _c('markdown', '## Install'),
                             _c('code', '1+1', outputs=[_out({'text/plain':'2'})]),
                             _c('code', '#| echo: false\nshow_doc(f)', outputs=[_out({'text/markdown':'### f'})])))
    test_eq(md, '# metaft\n\n> Learn things\n\n## Install\n\n```python\n1+1\n```\n\n    2\n\n### f\n')
    test_eq(outs, {})
    with tempfile.TemporaryDirectory() as d:
        for n in ['00_data', '10_cli', 'index', '_scratch']: (Path(d)/f'{n}.ipynb').touch()
        test_eq(readme_pages(d, 'n/'), {'data.html': 'n/00_data.ipynb', 'cli.html': 'n/10_cli.ipynb',
                                        'index.html': 'n/index.ipynb'})
    md, _ = readme_md(_nb(_c('markdown', 'Read with [`load_qa`](https://x.io/m/data.html#load_qa).')),
                      base='https://x.io/m/', pages=readme_pages(ROOT/'nbs'))
    test_eq(md, 'Read with [`load_qa`](nbs/00_data.ipynb#load_qa).\n')


def test_site_helpers():
    "Source links and the names a module page must document (no browser)"
    with tempfile.TemporaryDirectory() as d:
        (Path(d)/'src').mkdir(); (Path(d)/'src/a.py.html').write_text('<a id="L-1"></a>')
        links = ['src/a.py.html#L-1', 'src/a.py.html#L-9', 'src/b.py.html', 'other.html']
        (Path(d)/'p.html').write_text(''.join(f'<a href="{h}">s</a>' for h in links) + '<pre>"src/c.py.html"</pre>')
        test_eq(source_links(d), (3, ['src/a.py.html#L-9', 'src/b.py.html']))
        (Path(d)/'m.py').write_text("__all__ = ['f', 'K', 'C']\nK = 1\ndef f(): pass\nclass C: pass\n")
        (Path(d)/'n.ipynb').write_text(json.dumps(_nb(_c('code', 'import os'), _c('code', '#| default_exp m'))))
        (Path(d)/'o.ipynb').write_text(json.dumps(_nb(_c('code', 'x = 1'))))
        test_eq((api_names(Path(d)/'n.ipynb', d), api_names(Path(d)/'o.ipynb', d)), (['f', 'C'], []))


def test_check_page(browser=None):
    "The page check fails on what it is meant to catch (needs Chromium)"
    with tempfile.TemporaryDirectory() as d:
        pg = Path(d)/'p.html'
        def page(body, head=''):
            return (f'<html><head>{head}</head><body><article class="md-typeset"><h1>T</h1>{body}</article>'
                    '</body></html>')
        pg.write_text(page('<pre>def f(x): pass</pre><img src="missing.png">'))
        test_fail(lambda: check_page(pg, 'T', 'f'), contains="p.html: images did not load: ['missing.png']")
        test_fail(lambda: check_page(pg, 'Other'), contains="no H1 'Other'")
        test_fail(lambda: check_page(pg, 'T', 'g'), contains="no signature 'def g('")
        test_fail(lambda: check_page(pg, 'T', api=['g']), contains="no show_doc heading of its exports ['g']")
        shutil.copy(ROOT/'nbs/images/search_space.png', Path(d)/'missing.png')
        test_eq('ok p.html: has an image' in check_page(pg, 'T', 'f', image=True), True)
        row = '<tr>' + ''.join(f'<td>column_{i}</td>' for i in range(80)) + '</tr>'
        wide = f'<div class="jp-OutputArea-output"><table>{row}</table></div>'
        pg.write_text(page(wide))
        test_fail(lambda: check_page(pg, 'T'),
                  contains="tables wider than the page that do not scroll: ['column_0column_1")
        pg.write_text(page(wide, f'<style>{MKDOCS_CSS}</style>'))
        test_eq(check_page(pg, 'T')[-2], 'ok p.html: wide tables scroll')
        pg.write_text(page('<div class="jp-OutputArea-output">Traceback (most recent call last)</div>'))
        test_fail(lambda: check_page(pg, 'T'), contains="a cell output holds a traceback: ['Traceback (most recent")
        pg.write_text(page('<table><tr><td>PATH\\|task:NAME</td></tr></table>'))
        test_fail(lambda: check_page(pg, 'T'), contains="table cells show a literal \\|: PATH\\|task:NAME")
        pg.write_text(page('<h3>f</h3>'))
        test_eq(check_page(pg, 'T', api=['g', 'f'])[1], 'ok p.html: show_doc of 1 of its 2 exports')


UNIT_TESTS = [test_docs_run, test_exec_docs, test_pages, test_cell_opts_fix_md, test_mkdocs_nb, test_mkdocs_input,
              test_readme, test_site_helpers]


def run_tests(tests) -> list[str]:
    "Run `tests`, printing each; the names of those that failed"
    fails = []
    for t in tests:
        try: t(); print(f"ok {t.__name__}: {t.__doc__}")
        except Exception as e: fails.append(t.__name__); print(f"FAIL {t.__name__}: {type(e).__name__}: {e}")
    return fails


def main(argv=None) -> int:
    "The command line (see the module's docstring); the exit status"
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--site', default=str(ROOT/'_site'), help='the built site')
    p.add_argument('--unit', action='store_true', help="only the build tool's tests: no browser, no built site")
    p.add_argument('--if-browser', action='store_true', help='without Chromium, skip its checks (and say so)')
    p.add_argument('--page', action='append', default=[],
                   help='PAGE:TITLE[:SIGNATURE[:image[:HEADING]]] to check instead of the defaults (SITE_PAGES)')
    a = p.parse_args(argv)
    os.chdir(ROOT)
    fails = run_tests(UNIT_TESTS)
    if a.unit: return report(fails)
    try: find_browser()
    except FileNotFoundError as e:
        if not a.if_browser: print(f"FAIL {e}"); return 1
        print(f"SKIP the Chromium checks of the site (test_check_page, check_site): {e}")
        return report(fails)
    fails += run_tests([test_check_page])
    pages = {}
    for s in a.page:
        pg, title, *rest = s.split(':')
        pages[pg] = (title, rest[0] if rest and rest[0] else None, len(rest) > 1 and rest[1] == 'image',
                     rest[2] if len(rest) > 2 else None)
    try: check_site(a.site, pages=pages or None, log=print)
    except (AssertionError, FileNotFoundError, RuntimeError) as e:
        print('FAIL ' + str(e).replace('; ', '\nFAIL ')); fails.append('check_site')
    return report(fails)


def report(fails: list[str]) -> int:
    "Print the outcome; the exit status"
    print(f"FAILED: {', '.join(fails)}" if fails else "docs OK")
    return 1 if fails else 0


if __name__ == '__main__': sys.exit(main())
