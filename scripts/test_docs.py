#!/usr/bin/env python3
"""Open the built docs site (_site/, from `bash scripts/docs.sh`) in headless Chromium and check it: the index has its
title and lists every notebook page in notebook order; on every page the images load, no cell output holds a traceback,
wide tables scroll and no table cell shows a literal `\\|`; module pages show their title and show_doc signatures (a
method's too: QADataset.split); the results pages (04, 05, 07, 08, 09) show at least one loaded image; searching
"load_qa" finds load_qa, with the site opened from disk and served over http. Saves _site/screenshot-index.png.
Prints each check; exits 1 on failure, naming every check that failed.
Needs Chromium: apt-get install -y chromium  (or: bash scripts/docs.sh --install-browser).
Usage: python scripts/test_docs.py [--site _site] [--page 03_finetune.html:Finetuning:finetune] ..."""
import argparse, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from metaft.docs import check_site

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--site', default='_site', help='the built site')
p.add_argument('--page', action='append', default=[],
               help='PAGE:TITLE[:SIGNATURE[:image[:HEADING]]] to check instead of the defaults (metaft.docs.SITE_PAGES)')
a = p.parse_args()
pages = {}
for s in a.page:
    pg, title, *rest = s.split(':')
    pages[pg] = (title, rest[0] if rest and rest[0] else None, len(rest) > 1 and rest[1] == 'image', rest[2] if len(rest) > 2 else None)
try:
    check_site(a.site, pages=pages or None, log=print)
except (AssertionError, FileNotFoundError, RuntimeError) as e:
    print('FAIL ' + str(e).replace('; ', '\nFAIL ')); sys.exit(1)
print("docs site OK")
