"""Execute notebooks in place so that their outputs (tables, plots, printed figures) show on the documentation site.

Runs every code cell that `nbdev_test` runs (cells flagged with the `tst_flags` of settings.ini, e.g. `#| slow`, and
`#| eval: false` cells are skipped and keep whatever output they had), then stores the outputs in the notebook; stderr
streams (progress bars, warnings) are dropped. Finish with `nbdev_clean`, which keeps outputs (clear_all = False).

Usage: python scripts/run_nbs.py [NOTEBOOK ...]     (default: every notebook in nbs/)
"""
import sys
from pathlib import Path
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell


def _skip(flags):
    def f(cell):
        if cell.cell_type != 'code': return True
        d = getattr(cell, 'directives_', {}) or {}
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return bool(flags & d.keys())
    return f


def run(fn: Path, flags: set) -> None:
    "Execute `fn` as nbdev_test would and write the outputs of the cells that ran back into it"
    nb = NBProcessor(fn, procs=FrontmatterProc, process=True).nb
    skip = _skip(flags)
    ran = {c.id for c in nb.cells if not skip(c)}
    with working_directory(fn.parent): CaptureShell(fn).run_all(nb, exc_stop=True, preproc=skip)
    outs = {c.id: [o for o in c.get('outputs', []) if not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')]
            for c in nb.cells if c.cell_type == 'code' and c.id in ran}
    raw = read_nb(fn)
    for c in raw.cells:
        if c.cell_type == 'code' and c.get('id') in outs: c['outputs'] = outs[c['id']]
    write_nb(raw, fn)


if __name__ == '__main__':
    cfg = get_config()
    flags = set(cfg.tst_flags.split())
    fns = [Path(a).resolve() for a in sys.argv[1:]] or sorted(Path(cfg.nbs_path).glob('[0-9a-z]*.ipynb'))
    for fn in fns:
        print(f'running {fn.name}', flush=True)
        run(fn, flags)
    print(f'{len(fns)} notebook(s) executed; now run nbdev_clean')
