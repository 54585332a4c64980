#!/usr/bin/env python3
"""Literate-granularity figures of the notebooks: lines per export cell (mean, median, max), the share of export cells
holding more than one definition, the functions over 40 lines and the longest ones, the share of exported lines over
120 characters, metaft imports inside functions without a reason comment, the public methods with no `show_doc` call,
and the public functions and methods with no docstring (which nbdev renders as the class's or "Call self as a
function").
Last, each target of issue 26's "Done means" with the figure and whether it is met.

An export cell is a code cell whose directives include `export` or `exports`; its lines are the non-blank lines after the
`#|` directives. A public method is a function defined in the body of a class listed in a module's `__all__`, whose name
does not start with `_`; it has a show_doc when some notebook cell calls `show_doc(Class.method` (also `nbdev.show_doc`).
A definition is a `def` or `class` at the top level of an export cell (a class with its methods is one). A function's
lines are its non-blank lines, nested functions and methods counted on their own too. A metaft import inside a function
(`import metaft...`, `from metaft... import`, or a relative import, at any depth in a `def`) has its reason when a
comment sits on its line or on the line just above it (e.g. `# cycle: cli imports tune` or `# optional: needs ray`).
Usage: python scripts/code_stats.py [--nbs nbs] [--top 5] [--list] [--check]
  --list   also list the methods without show_doc, the cells with several definitions, the functions over 40 lines and
           the imports without a reason
  --check  exit 1 when a "Done means" target is not met"""
import argparse, ast, json, re, statistics, sys
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
    funcs, methods, nodoc, multi, inner = [], [], [], [], []
    for nb, ls in ex:
        try: tree = ast.parse('\n'.join(ls))
        except SyntaxError: continue
        names = [d.name for d in tree.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        if len(names) > 1: multi.append((nb, names))
        inner += [(nb, i) for i in inner_imports(tree, ls)]
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
                multi_def=multi, multi_def_share=len(multi) / len(n), over_40=[f for f in funcs if f[0] > 40],
                longest=funcs[:top], over_120=sum(len(l) > 120 for l in code) / len(code), public_methods=len(methods),
                without_show_doc=missing, without_docstring=nodoc, inner_imports=inner,
                inner_no_reason=[(nb, i) for nb, i in inner if not i[2]])


def _is_metaft_import(node) -> bool:
    "Does `node` import from metaft (absolutely, or relatively as exported modules do)?"
    if isinstance(node, ast.ImportFrom): return node.level > 0 or (node.module or '').split('.')[0] == 'metaft'
    return isinstance(node, ast.Import) and any(a.name.split('.')[0] == 'metaft' for a in node.names)


def inner_imports(tree: ast.Module, lines: list[str]) -> list[tuple]:
    "(function, import line, has a reason comment) for each metaft import inside a function of `tree` (from `lines`)"
    def has_comment(l): return '#' in l and bool(l.split('#', 1)[1].strip())
    def walk(node, fn):
        for c in ast.iter_child_nodes(node):
            if isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef)): yield from walk(c, c.name)
            elif fn and _is_metaft_import(c):
                here, above = lines[c.lineno - 1], lines[c.lineno - 2] if c.lineno > 1 else ''
                yield fn, here.strip(), has_comment(here) or above.strip().startswith('#')
            else: yield from walk(c, fn)
    return list(walk(tree, None))


# issue 26, "Done means": (what, the figure from `stats`, is it met)
TARGETS = [('export cells: median at most 12 lines', lambda s: f"{s['lines_median']:g}",
            lambda s: s['lines_median'] <= 12),
           ('export cells: mean at most 14 lines', lambda s: f"{s['lines_mean']:.1f}", lambda s: s['lines_mean'] <= 14),
           ('at most 10% of export cells hold more than one definition', lambda s: f"{s['multi_def_share']:.1%}",
            lambda s: s['multi_def_share'] <= .10),
           ('no function over 40 lines', lambda s: str(len(s['over_40'])), lambda s: not s['over_40']),
           ('at most 1% of exported lines over 120 characters', lambda s: f"{s['over_120']:.1%}",
            lambda s: s['over_120'] <= .01),
           ('no metaft import inside a function without its reason in a comment',
            lambda s: str(len(s['inner_no_reason'])), lambda s: not s['inner_no_reason'])]


def report(s: dict, show_list: bool = False) -> bool:
    "Print every figure of `s` (from `stats`), then the targets; are they all met?"
    print(f"export cells: {s['export_cells']}; lines per export cell: mean {s['lines_mean']:.1f}, "
          f"median {s['lines_median']:g}, max {s['lines_max']}")
    print(f"export cells with more than one definition: {len(s['multi_def'])} ({s['multi_def_share']:.1%})")
    print(f"functions over 40 lines: {len(s['over_40'])}")
    print('longest functions (lines): ' + ', '.join(f'{k} {v}' for v, k in s['longest']))
    print(f"exported lines over 120 characters: {s['over_120']:.1%}")
    print(f"metaft imports inside functions: {len(s['inner_imports'])}, "
          f"without a reason comment: {len(s['inner_no_reason'])}")
    print(f"public methods: {s['public_methods']}, without show_doc: {len(s['without_show_doc'])}")
    print(f"public functions and methods without a docstring: {len(s['without_docstring'])}")
    if show_list:
        print('without show_doc:\n' + '\n'.join(f'  {nb}: {m}' for nb, m in s['without_show_doc']))
        print('without docstring:\n' + '\n'.join(f'  {nb}: {m}' for nb, m in s['without_docstring']))
        print('export cells with more than one definition:\n' + '\n'.join(f"  {nb}: {', '.join(ns)}"
                                                                        for nb, ns in s['multi_def']))
        print('functions over 40 lines:\n' + '\n'.join(f'  {k} {v}' for v, k in s['over_40']))
        print('metaft imports inside functions without a reason comment:\n'
              + '\n'.join(f'  {nb}: {f}: {l}' for nb, (f, l, _) in s['inner_no_reason']))
    met = [ok(s) for _, _, ok in TARGETS]
    print('done means (issue 26):')
    for (what, fig, _), m in zip(TARGETS, met): print(f"  {'met ' if m else 'NOT '} {what}: {fig(s)}")
    return all(met)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--nbs', default=str(Path(__file__).resolve().parents[1]/'nbs'))
    p.add_argument('--top', type=int, default=5); p.add_argument('--list', action='store_true')
    p.add_argument('--check', action='store_true', help='exit 1 when a target is not met')
    a = p.parse_args()
    ok = report(stats(Path(a.nbs), a.top), a.list)
    sys.exit(1 if a.check and not ok else 0)
