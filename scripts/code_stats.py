#!/usr/bin/env python3
"""Literate-granularity figures of the notebooks: lines per export cell (mean, median, max), the longest functions of
the exported code (lines), the share of lines over 120 characters, the public methods with no `show_doc` call, and the
public functions and methods with no docstring (which nbdev renders as the class's or "Call self as a function").

An export cell is a code cell whose directives include `export` or `exports`; its lines are the non-blank lines after the
`#|` directives. A public method is a function defined in the body of a class listed in a module's `__all__`, whose name
does not start with `_`; it has a show_doc when some notebook cell calls `show_doc(Class.method` (also `nbdev.show_doc`).
Usage: python scripts/code_stats.py [--nbs nbs] [--top 5] [--list]   (--list prints the methods without show_doc)"""
import argparse, ast, json, re, statistics
from pathlib import Path

_re_dir = re.compile(r'^\s*#\|\s*([\w-]+)')


def cells(nbs: Path):
    "(notebook, code cell source) for every code cell of every notebook that nbdev exports or tests"
    for f in sorted(nbs.glob('*.ipynb')):
        if f.name.startswith(('_', '.')): continue
        for c in json.loads(f.read_text(encoding='utf-8'))['cells']:
            if c['cell_type'] == 'code': yield f.name, ''.join(c['source'])


def split_dirs(src: str) -> tuple[set, list[str]]:
    "The directive names at the top of `src`, and the lines after them"
    lines, ds = src.splitlines(), set()
    while lines and (m := _re_dir.match(lines[0])): ds.add(m[1]); lines.pop(0)
    return ds, lines


def stats(nbs: Path, top: int = 5):
    "Every figure, as a dict"
    ex, allsrc = [], []
    for nb, src in cells(nbs):
        allsrc.append(src)
        ds, lines = split_dirs(src)
        if ds & {'export', 'exports'}: ex.append((nb, [l for l in lines if l.strip()]))
    n = [len(l) for _, l in ex]
    code = [l for _, ls in ex for l in ls]
    funcs, methods, nodoc = [], [], []
    for nb, ls in ex:
        try: tree = ast.parse('\n'.join(ls))
        except SyntaxError: continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                funcs.append((node.end_lineno - node.lineno + 1, f'{nb}:{node.name}'))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith('_') and not ast.get_docstring(node):
                nodoc.append((nb, node.name))
            if isinstance(node, ast.ClassDef) and not node.name.startswith('_'):
                nodoc += [(nb, f'{node.name}.{m.name}') for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                          and not m.name.startswith('_') and not ast.get_docstring(m)]
                methods += [(nb, f'{node.name}.{m.name}') for m in node.body
                            if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and not m.name.startswith('_')]
    shown = set(re.findall(r'show_doc\(\s*([\w.]+)', '\n'.join(allsrc)))
    missing = [(nb, m) for nb, m in methods if m not in shown]
    funcs.sort(reverse=True)
    return dict(export_cells=len(n), lines_mean=statistics.mean(n), lines_median=statistics.median(n), lines_max=max(n),
                longest=funcs[:top], over_120=sum(len(l) > 120 for l in code) / len(code), public_methods=len(methods),
                without_show_doc=missing, without_docstring=nodoc)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--nbs', default=str(Path(__file__).resolve().parents[1]/'nbs'))
    p.add_argument('--top', type=int, default=5); p.add_argument('--list', action='store_true')
    a = p.parse_args()
    s = stats(Path(a.nbs), a.top)
    print(f"export cells: {s['export_cells']}; lines per export cell: mean {s['lines_mean']:.1f}, "
          f"median {s['lines_median']:g}, max {s['lines_max']}")
    print('longest functions (lines): ' + ', '.join(f'{k} {v}' for v, k in s['longest']))
    print(f"exported lines over 120 characters: {s['over_120']:.1%}")
    print(f"public methods: {s['public_methods']}, without show_doc: {len(s['without_show_doc'])}")
    print(f"public functions and methods without a docstring: {len(s['without_docstring'])}")
    if a.list:
        print('without show_doc:\n' + '\n'.join(f'  {nb}: {m}' for nb, m in s['without_show_doc']))
        print('without docstring:\n' + '\n'.join(f'  {nb}: {m}' for nb, m in s['without_docstring']))
