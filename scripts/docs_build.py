#!/usr/bin/env python3
"""Build the documentation site's input without Quarto: nbdev's processors over every notebook into `_proc/`, with one
change to which cells they run (below), then MkDocs' input `_proc/_mkdocs/` and README.md from `nbs/index.ipynb`.
A development tool, not part of the installed package; `bash scripts/docs.sh` runs it and then `mkdocs build`.

Which cells the docs build runs. nbdev's `exec_show_docs` runs every cell that is exported, calls `show_doc`, or
contains an import anywhere, in a fresh shell without the cells in between. A cell that imports something and also
uses a name made by a cell that is not run (`import x` then `f(hot)`) fails there, and nbdev drops the whole
notebook's page. This build runs, in notebook order, each alone:
- exported cells (`export`, `exports`, `exporti`) and `exec_doc` cells, whole, as nbdev does;
- cells made only of imports and `show_doc` calls, whole (their outputs become the page's, as nbdev's do);
- of any other cell, only its top-level `import` statements, each alone; its saved outputs stay as the notebook has
  them. One that fails is passed over (it may need the cell's other code, a `sys.path` change say): a later cell that
  needs the name then fails, and is named.
So a cell's other code never runs in the docs build, and no cell can break it by needing one that did not run. What
can still fail is what would also fail in a fresh `import`: an exported cell, an import cell, or a `show_doc` of a
name no exported or imported cell defines; each failure names the notebook and the cell (its number and id).
`--lint` lists the cells nbdev's own processor (`nbdev_docs` with Quarto) would still run whole although they do more
than import.

Usage: python scripts/docs_build.py [--force] [--readme] [--lint]
  --force   process every notebook again, ignoring the cache in _proc/
  --readme  process only nbs/index.ipynb and write README.md
  --lint    list the cells that mix imports with other code (see above), then exit
Exits 1 naming every notebook that could not be processed (its page is then missing); the others are still built."""
from __future__ import annotations
import argparse, ast, copy, html, json, os, re, shutil, sys, warnings
from pathlib import Path
from fastcore.basics import nested_attr, str2bool
from nbdev.process import NBProcessor
from nbdev.processors import FilterDefaults, exec_show_docs, _do_eval


def jupyter_path() -> str:
    "`$JUPYTER_PATH` with the data folder of the nbconvert in use added, where its templates are"
    # A venv made with --system-site-packages imports nbconvert from the outer prefix (as .ci/run's does), but
    # looks for its templates only under its own prefix.
    import nbconvert
    share = Path(nbconvert.__file__).resolve().parents[4]/'share'/'jupyter'
    ps = [p for p in os.environ.get('JUPYTER_PATH', '').split(os.pathsep) if p]
    return os.pathsep.join(ps + [str(share)] if share.is_dir() and str(share) not in ps else ps)


os.environ['JUPYTER_PATH'] = jupyter_path()  # before nbconvert reads it (README here, MkDocs through scripts/docs.sh)

# ----------------------------------------------------------------------------------------------------------------------
# Which cells the docs build runs

_RUN_WHOLE = {'export', 'exports', 'exporti', 'exec_doc'}  # nbdev's directives for cells its docs run whole


def _parse(src: str) -> list | None:
    "The top-level statements of a code cell; None for one Python cannot parse (a magic, a shell escape)"
    if src.strip()[:1] in ('%', '!'): return None
    try: return ast.parse(src).body
    except SyntaxError: return None


def _is_show_doc(t: ast.stmt) -> bool:
    "Is `t` a bare `show_doc(...)` call?"
    return isinstance(t, ast.Expr) and isinstance(t.value, ast.Call) and getattr(t.value.func, 'id', '') == 'show_doc'


def docs_run(src: str,  # a code cell's source, nbdev's directives taken out (as `NBProcessor` leaves it)
             dirs: dict  # its directives (`NBProcessor`'s `cell.directives_`): {'export': []}, {'eval:': ['false']}
             ) -> tuple[str, str]:
    "What the docs build runs of a code cell: `('whole', src)`, `('imports', its top-level imports)` or `('skip', '')`"
    tree = _parse(src)
    if not tree or 'nbdev_export' + '()' in src or dirs.get('eval:', [''])[0].lower() == 'false': return 'skip', ''
    if dirs.keys() & _RUN_WHOLE: return 'whole', src
    if all(isinstance(t, (ast.Import, ast.ImportFrom)) or _is_show_doc(t) for t in tree): return 'whole', src
    imps = [ast.get_source_segment(src, t) for t in tree if isinstance(t, (ast.Import, ast.ImportFrom))]
    return ('imports', '\n'.join(imps)) if imps else ('skip', '')


class DocsCellError(Exception):
    "A cell the docs build ran raised; `cell_id` and `source` say which"
    def __init__(self, cell_id: str, source: str, how: str):
        super().__init__(f"cell {cell_id} ({how}): {(cell_opts(source)[1].strip().splitlines() or [''])[0]}")
        self.cell_id, self.source, self.how = cell_id, source, how


class exec_docs(exec_show_docs):
    "nbdev's `exec_show_docs`, running of each cell what `docs_run` says (its saved outputs stay unless run whole)"
    def __call__(self, cell):
        if not self.nb.has_docs_ or not hasattr(self, 'k') or cell.cell_type != 'code': return
        if str2bool(getattr(self.nb, 'frontmatter_', {}).get('skip_showdoc', False)): return
        if nested_attr(cell, 'metadata.language', 'python') != 'python': return
        how, code = docs_run(cell.source, cell.directives_)
        if how == 'whole':
            self.k.cell(cell)
            if self.k.exc: raise DocsCellError(cell.get('id', '?'), cell.source, how) from self.k.exc
        elif how == 'imports':  # each alone, and one that fails is passed over: it may need the cell's other code
            for t in ast.parse(code).body: self.k.run(ast.get_source_segment(code, t))
            self.k.exc = None


class DocsFilter(FilterDefaults):
    "nbdev's docs processors (`FilterDefaults`) with `exec_docs` in the place of `exec_show_docs`"
    def base_procs(self): return [exec_docs if p is exec_show_docs else p for p in super().base_procs()]


def _code_cells(f: Path):
    "(number counting from 1, cell) for each code cell of notebook `f`, its directives parsed as nbdev does"
    for i, c in enumerate(NBProcessor(f).nb.cells):
        if c.cell_type == 'code': yield i + 1, c


def mixed_cells(nbs: str | Path = 'nbs') -> list[str]:
    "One line for each cell that nbdev's own `exec_show_docs` would run whole but this build does not (see `docs_run`)"
    out = []
    for f in nb_files(nbs):
        for n, c in _code_cells(f):
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')  # nbdev warns "Found cells containing imports and other code"
                stock = _do_eval(c)
            how, _ = docs_run(c.source, c.directives_)
            if stock and how != 'whole':
                first = c.source.strip().splitlines()[0][:60]
                out.append(f"{f}: cell {n} (id {c.get('id', '?')}) `{first}`: this build "
                           + ('runs only its imports' if how == 'imports' else 'does not run it'))
    return out


def nb_files(nbs: str | Path = 'nbs') -> list[Path]:
    "The notebooks of `nbs` that nbdev documents, by file name (names starting with `_` or `.` are not)"
    return [f for f in sorted(Path(nbs).glob('*.ipynb')) if not f.name.startswith(('_', '.'))]


def nb_pages(nbs: str | Path = 'nbs') -> list[str]:
    "The page each notebook of `nbs` becomes, in nbdev's sidebar order: index first, then by file name"
    ps = sorted(p.with_suffix('.html').name for p in nb_files(nbs))
    return sorted(ps, key=lambda p: (p != 'index.html', p))


def missing_pages(site: str | Path = '_site', nbs: str | Path = 'nbs') -> list[str]:
    "The pages of `nb_pages(nbs)` that the built `site` lacks"
    return [p for p in nb_pages(nbs) if not (Path(site)/p).is_file()]


# ----------------------------------------------------------------------------------------------------------------------
# From Quarto's notebooks to MkDocs' notebooks

_re_opt = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def cell_opts(src:str # a code cell's source
             ) -> tuple[dict, str]:
    "The `#| key: value` options at the top of `src` (a bare `#| flag` maps to `''`) and the code after them"
    lines, opts = src.splitlines(), {}
    while lines and (m := _re_opt.match(lines[0])): opts[m[1]] = m[2]; lines.pop(0)
    return opts, '\n'.join(lines)


_re_attr_link = re.compile(r'\[([^\]\n]+)\]\(([^)\s]+)\)\{([^}\n]*)\}')
_re_code = re.compile(r'(```.*?```|`[^`\n]*`)', re.S)  # fenced blocks and code spans
_re_md_link = re.compile(r'\[([^\]\n]+)\]\(https?://[^)\s]+\)')
_re_row_pipe = re.compile(r'`([^`\n]*\\\|[^`\n]*)`')

def _table_pipes(md:str) -> str:
    "Code spans holding `\\|` in table rows as `<code>` with `&#124;` (GFM unescapes that pipe, nbconvert does not)"
    def code(m): return '<code>' + html.escape(m[1].replace('\\|', '|'), quote=False).replace('|', '&#124;') + '</code>'
    def rows(s): return '\n'.join(_re_row_pipe.sub(code, l) if l.lstrip().startswith('|') else l for l in s.split('\n'))
    return ''.join(o if i % 2 else rows(o) for i, o in enumerate(re.split(r'(```.*?```)', md, flags=re.S)))


def fix_md(md:str, # markdown text
           base:str|None=None, # the published site's URL, e.g. https://metaft.github.io/metaft/
           pages:dict|None=None, # Quarto page name -> local page name
           src:str|None=None # the repository's file-URL prefix, `{git_url}/blob/{branch}/`: its .py links go to `src/`
          ) -> str:
    "`md` with pandoc link attributes as HTML, links into `base` and `src` made local, pipes in table code shown"
    def _local(m): return pages[m[1]] + (m[2] or '') if m[1] in pages else m[0]
    def _src(m): return f"src/{m[1]}.html" + (f"#L-{m[2]}" if m[2] else '')
    def _fix(s):
        s = _re_attr_link.sub(lambda m: f'<a href="{m[2]}" {m[3]}>{m[1]}</a>', s)
        if src: s = re.sub(re.escape(src) + r'([\w./-]+?\.py)(?:#L(\d+))?', _src, s)
        return re.sub(re.escape(base) + r'([\w.-]+\.html)(#[\w.-]+)?', _local, s) if base and pages is not None else s
    def _code(s): return _re_md_link.sub(r'\1', s) if s.startswith('```') else s  # nbdev links names in show_doc's code
    return ''.join(_code(o) if i % 2 else _fix(o) for i, o in enumerate(_re_code.split(_table_pipes(md))))


_tag_of = {'echo':'remove-input', 'output':'remove-output', 'include':'remove-cell'}

def _fm(cell):
    import yaml
    src = ''.join(cell['source']).strip()
    if cell['cell_type'] != 'raw' or not src.startswith('---'): return
    return yaml.safe_load(src.strip('-')) or {}


def mkdocs_nb(nb:dict, # a processed notebook (nbformat JSON as a dict)
              **kw # passed to `fix_md`: base, pages
             ) -> dict:
    "A copy of `nb` with Quarto's frontmatter, cell options and pandoc links as plain notebook markdown and tags"
    nb = copy.deepcopy(nb)
    for i, c in enumerate(nb['cells']):
        src = ''.join(c['source'])
        if i == 0 and (fm := _fm(c)) is not None:
            head = [f"# {fm['title']}"] if fm.get('title') else []
            if fm.get('description'): head.append(f"> {fm['description']}")
            c.update(cell_type='markdown', metadata={}, source='\n\n'.join(head))
            c.pop('outputs', None); c.pop('execution_count', None)
        elif c['cell_type'] == 'markdown': c['source'] = fix_md(src, **kw)
        elif c['cell_type'] == 'code':
            opts, c['source'] = cell_opts(src)
            tags = [t for k, t in _tag_of.items() if opts.get(k) == 'false']
            if tags: c.setdefault('metadata', {})['tags'] = c['metadata'].get('tags', []) + tags
            for o in c.get('outputs', []):
                d = o.get('data', {})
                if 'text/markdown' in d: d['text/markdown'] = fix_md(''.join(d['text/markdown']), **kw)
    nb['cells'] = [c for c in nb['cells'] if c['cell_type'] != 'markdown' or ''.join(c['source']).strip()]
    return nb


# ----------------------------------------------------------------------------------------------------------------------
# What the site adds to MkDocs: CSS, the search shim for file:// pages, source pages

MKDOCS_CSS = """/* metaft: wide tables and outputs scroll sideways instead of hiding what does not fit */
.md-typeset .jp-OutputArea-output { overflow-x: auto; }
.md-typeset .jp-RenderedHTMLCommon table, .md-typeset table:not([class]) {
  display: block; max-width: 100%; overflow-x: auto; }
"""


SEARCH_SHIM = """// metaft: MkDocs Material searches in a Web Worker, which browsers refuse to start from file:// pages.
// Opened from disk, the worker script runs in a hidden iframe of the page's origin instead: the page's messages
// reach the script's "message" listeners and the script's postMessage answers the page. Served, nothing changes.
(() => {
  if (location.protocol !== 'file:') return;
  window.Worker = class {
    constructor(url) {
      this.ls = new Set(); this.onmessage = null; this.queue = []; this.ready = false;
      const f = document.createElement('iframe'); f.style.display = 'none';
      (document.body || document.documentElement).appendChild(f);
      const w = this.w = f.contentWindow;
      w.postMessage = data => setTimeout(() => this.emit(data));
      w.importScripts = () => { throw new Error('metaft file:// search worker: importScripts is not available'); };
      const s = w.document.createElement('script');
      s.src = new URL(url, location.href).href;
      s.onload = () => { this.ready = true; this.queue.splice(0).forEach(d => this.postMessage(d)); };
      (w.document.body || w.document.documentElement).appendChild(s);
    }
    emit(data) {
      const e = new MessageEvent('message', {data});
      if (this.onmessage) this.onmessage(e);
      this.ls.forEach(l => l(e)); }
    postMessage(data) {
      if (!this.ready) return void this.queue.push(data);
      this.w.dispatchEvent(new this.w.MessageEvent('message', {data})); }
    addEventListener(type, l) { if (type === 'message') this.ls.add(l); }
    removeEventListener(type, l) { this.ls.delete(l); }
    terminate() {}
  };
})();
"""


def source_pages(lib:str|Path, # the package folder, e.g. `metaft`
                 dest:str|Path # where `<module>.py.html` pages go
                ) -> list[Path]:
    "Write each `.py` file of `lib` as a highlighted HTML page with an anchor per line (`#L-12`); the pages written"
    from pygments import highlight
    from pygments.lexers import PythonLexer
    from pygments.formatters import HtmlFormatter
    lib, dest, out = Path(lib), Path(dest), []
    for f in sorted(lib.rglob('*.py')):
        rel = f.relative_to(lib); p = dest/rel.parent/f'{f.name}.html'; p.parent.mkdir(parents=True, exist_ok=True)
        up = '../' * (len(rel.parts) + 1)
        name = f'{lib.name}/{rel.as_posix()}'
        fmt = HtmlFormatter(full=True, linenos='inline', lineanchors='L', anchorlinenos=True, title=name,
                            cssstyles='font-size: 0.8rem')
        page = highlight(f.read_text(encoding='utf-8'), PythonLexer(), fmt)
        nav = f'<p><a href="{up}index.html">{lib.name} documentation</a> / {name}</p>'
        p.write_text(page.replace('<h2>', nav + '<h2>', 1), encoding='utf-8')
        out.append(p)
    return out


# ----------------------------------------------------------------------------------------------------------------------
# Processing and rendering

def _settings() -> dict:
    "The published site's URL, the repository's file-URL prefix and the package folder, from settings.ini"
    from nbdev.config import get_config
    cfg = get_config()
    return dict(base=f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/',
                src=f"{cfg.git_url.rstrip('/')}/blob/{cfg.branch}/", lib=cfg.lib_path)


def _page_names(nbs:dict, proc:Path) -> dict:
    "Quarto's page name (frontmatter `output-file`) -> the notebook's own name, for each processed notebook"
    def name(f, nb): return ((nb['cells'] and _fm(nb['cells'][0])) or {}).get('output-file', f'{own(f)}.html')
    def own(f): return f.relative_to(proc).with_suffix('').as_posix()
    return {name(f, nb): own(f) for f, nb in nbs.items()}


def mkdocs_input(proc:str|Path='_proc', # nbdev's processed notebooks
                 dest:str|Path|None=None, # where MkDocs reads from; default `proc/_mkdocs`
                 base:str|None=None, # the published site's URL; default from settings.ini (doc_host, doc_baseurl)
                 src:str|None=None, # the repository's file-URL prefix; default from settings.ini (git_url, branch)
                 lib:str|Path|None=None # the package whose source pages go in `src/`; default settings.ini's lib_path
                ) -> Path:
    "Write MkDocs' docs folder from `proc`: notebooks through `mkdocs_nb`, other files, source pages, CSS, search shim"
    st = _settings() if None in (base, src, lib) else {}
    base, src, lib = base or st['base'], src or st['src'], Path(lib or st['lib'])
    proc = Path(proc); dest = Path(dest or proc/'_mkdocs')
    shutil.rmtree(dest, ignore_errors=True)
    files = [f for f in sorted(proc.rglob('*')) if f.is_file()
             and not any(p.startswith(('_', '.')) for p in f.relative_to(proc).parent.parts)]
    nbs = {f: json.loads(f.read_text(encoding='utf-8')) for f in files if f.suffix == '.ipynb'}
    pages = {k: f'{v}.html' for k, v in _page_names(nbs, proc).items()}
    for f in files:
        d = dest/f.relative_to(proc); d.parent.mkdir(parents=True, exist_ok=True)
        if f in nbs: d.write_text(json.dumps(mkdocs_nb(nbs[f], base=base, pages=pages, src=src), indent=1), 'utf-8')
        else: shutil.copy2(f, d)
    source_pages(lib, dest/'src'/lib.name)
    (dest/'metaft.css').write_text(MKDOCS_CSS, 'utf-8')
    (dest/'iframe-worker-metaft.js').write_text(SEARCH_SHIM, 'utf-8')
    return dest


def _cell_place(f: Path, e: DocsCellError) -> str:
    "Where the cell of `e` is in notebook `f`: its number counting from 1 and id, or what nbdev added it for"
    ids = [c.get('id') for c in json.loads(f.read_text(encoding='utf-8'))['cells']]
    if e.cell_id in ids: return f"cell {ids.index(e.cell_id) + 1} (id {e.cell_id})"
    return "a show_doc cell nbdev added after an exported cell"


def _err_line(f, e):
    "One line for a notebook that could not be processed: the notebook, the cell and its first line, the cause"
    cause = f"{type(e.__cause__).__name__}: {e.__cause__}" if e.__cause__ else type(e).__name__
    if isinstance(e, DocsCellError):
        first = (cell_opts(e.source)[1].strip().splitlines() or [''])[0]
        ran = 'its imports' if e.how == 'imports' else 'it'
        return (f"{f}: {_cell_place(Path(f), e)} (`{first}`): {cause} (the docs build ran {ran} without the "
                "notebook's other cells: it runs exported and exec_doc cells, imports and show_doc, each alone)")
    lines = str(e.args[0] if e.args else repr(e)).splitlines() or ['']  # another processor's error, as nbdev words it
    return f"{f}: {lines[0].rstrip(' :')}" + (f" (`{lines[1].strip()}`)" if len(lines) > 1 else '') + f": {cause}"


def proc_docs(force: bool = False,  # process every notebook again, ignoring the cache in `_proc/`
              only: str | None = None  # process only this file of `nbs/` (e.g. index.ipynb for the README)
              ) -> list[str]:
    "nbdev's docs processors (`DocsFilter`) into `_proc/`, as `nbdev_proc_nbs` with no Quarto; then `_proc/_mkdocs/`"
    from nbdev.config import get_config
    from nbdev.doclinks import nbglob, _build_modidx
    from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
    from nbdev.serve import _proc_file
    import nbdev.serve, nbdev.serve_drv
    cfg = get_config(); path, cache = cfg.nbs_path, cfg.config_path/'_proc'
    refresh_quarto_yml(); _build_modidx(); nbdev_sidebar.__wrapped__(path=path)
    files = nbglob(path, func=Path, file_glob='', file_re='') + [path/'_quarto.yml']
    if only: files = [f for f in files if f.name == only]
    chk = max(p.stat().st_mtime for p in (cfg.config_file, Path(nbdev.serve.__file__), Path(__file__)))
    if force or (cache.exists() and cache.stat().st_mtime < chk): shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    mtime, fails = cache.stat().st_mtime, []
    for f in files:
        job = _proc_file(f, cache=cache, path=path, mtime=mtime)
        if not job: continue
        if job[0].suffix == '.ipynb': job = (job[0], job[1], DocsFilter)
        print(f"processing {f.relative_to(cfg.config_path)}", flush=True)
        try: nbdev.serve_drv.main(job)
        except Exception as e:
            fails.append(_err_line(f.relative_to(cfg.config_path), e)); os.environ.pop('IN_TEST', None)
            job[1].unlink(missing_ok=True)  # no stale page: a notebook that fails is missing from the site
    for d in cache.rglob('*.ipynb'):  # a notebook removed from nbs/ leaves no stale page behind
        if not d.relative_to(cache).parts[0].startswith(('_', '.')) and not (path/d.relative_to(cache)).exists():
            d.unlink()
    cache.touch(); mkdocs_input(cache)
    return fails


# ----------------------------------------------------------------------------------------------------------------------
# README.md from the processed index notebook (nbdev_readme without Quarto)

def readme_md(nb:dict, # the processed index notebook
              **kw # passed to `fix_md`: base, pages, src
             ) -> tuple[str, dict]:
    "Markdown for README.md from the processed index notebook, and the output files (name -> bytes) it refers to"
    import nbformat
    from nbconvert import MarkdownExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from nbformat.v4.rwbase import rejoin_lines
    nb = rejoin_lines(nbformat.from_dict(mkdocs_nb(nb, **kw)))  # saved outputs hold their text as lists of lines
    nb.metadata.setdefault('language_info', {'name': 'python'})  # code fences say ```python, as Quarto's do
    for i, c in enumerate(nb.cells): c.setdefault('id', f'c{i}')  # nbdev's inserted cells have none
    ex = MarkdownExporter(exclude_raw=True)
    ex.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={'remove-cell'}, remove_input_tags={'remove-input'},
                                                   remove_all_outputs_tags={'remove-output'}), enabled=True)
    md, res = ex.from_notebook_node(nb, resources=dict(unique_key='index', output_files_dir='index_files'))
    return re.sub(r'\n{3,}', '\n\n', md).strip() + '\n', res.get('outputs', {})


def readme_pages(nbs:str|Path='nbs', # the notebooks folder
                 prefix:str='nbs/' # the folder as the README links to it
                ) -> dict:
    "Quarto's page name of each notebook of `nbs` (nbdev drops the number: `00_data.ipynb` is `data.html`) -> its path"
    from nbdev.doclinks import _nbpath2html
    fs = [f for f in sorted(Path(nbs).glob('*.ipynb')) if not f.name.startswith(('_', '.'))]
    return {_nbpath2html(Path(f.name)).name: prefix + f.name for f in fs}


def write_readme(proc:str|Path='_proc', # nbdev's processed notebooks
                 dest:str|Path='README.md', # the README to write; output images go next to it, in `index_files/`
                 base:str|None=None # the published site's URL, whose pages become notebooks; default from settings.ini
                ) -> Path:
    "Write README.md from the processed `index.ipynb` (what `nbdev_readme` does with Quarto), linking to the notebooks"
    from nbdev.config import get_config
    cfg = get_config(); dest = Path(dest)
    pages = readme_pages(cfg.nbs_path, Path(os.path.relpath(cfg.nbs_path, dest.resolve().parent)).as_posix() + '/')
    nb = json.loads((Path(proc)/'index.ipynb').read_text(encoding='utf-8'))
    md, outs = readme_md(nb, base=base or _settings()['base'], pages=pages)
    dest.write_text(md, encoding='utf-8')
    for k, v in outs.items(): (dest.parent/k).parent.mkdir(parents=True, exist_ok=True); (dest.parent/k).write_bytes(v)
    return dest


def main(argv: list[str] | None = None) -> int:
    "The command line (see the module's docstring); the exit status"
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--force', action='store_true', help='process every notebook again, ignoring the cache in _proc/')
    p.add_argument('--readme', action='store_true', help='process only nbs/index.ipynb and write README.md')
    p.add_argument('--lint', action='store_true', help='list the cells that mix imports with other code, then exit')
    a = p.parse_args(argv)
    from nbdev.config import get_config
    cfg = get_config()
    os.chdir(cfg.config_path)
    if a.lint:
        for l in mixed_cells(cfg.nbs_path.relative_to(cfg.config_path)): print(l)
        return 0
    fails = proc_docs(force=a.force, only=cfg.readme_nb if a.readme else None)
    print(f"wrote {write_readme('_proc', 'README.md')}")
    if n := len(mixed_cells(cfg.nbs_path.relative_to(cfg.config_path))):
        print(f"note: {n} cells mix imports with other code; this build runs only their imports, nbdev's own (Quarto) "
              "would run them whole: python scripts/docs_build.py --lint")
    for f in fails: print('FAILED', f)
    if fails: print(f"{len(fails)} notebook(s) could not be processed, see FAILED above", file=sys.stderr)
    return 1 if fails else 0


if __name__ == '__main__': sys.exit(main())
