"Setup for metaft: every field comes from settings.ini, the one place nbdev reads too."
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

licenses = dict(apache2=('Apache Software License 2.0', 'OSI Approved :: Apache Software License'))
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
lic = licenses[cfg['license']]
py_versions = ['3.10', '3.11', '3.12', '3.13']
min_python = cfg['min_python']
requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
extras = dict(dev=dev_requirements + ['ConfigSpace>=0.6', 'loguru>=0.5', 'dask>=2023.1', 'distributed>=2023.1'], ray=['ray[default]>=2.9'], dehb=['ConfigSpace>=0.6', 'loguru>=0.5', 'dask>=2023.1', 'distributed>=2023.1'],  # plus `pip install --no-deps dehb` (its numpy<2 pin would break pyarrow)
              docs=['mkdocs>=1.5', 'mkdocs-material>=9', 'mkdocs-jupyter>=0.24'], optuna=cfg.get('optuna_requirements', '').split())
extras['all'] = sorted({r for v in extras.values() for r in v})

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    license=lic[0], author=cfg['author'], author_email=cfg['author_email'], keywords=cfg['keywords'],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])], 'Intended Audience :: ' + cfg['audience'].title(),
                 'License :: ' + lic[1], 'Natural Language :: ' + cfg['language'].title()]
                + ['Programming Language :: Python :: ' + v for v in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'], packages=setuptools.find_packages(include=['metaft', 'metaft.*']),
    include_package_data=True, package_data={'metaft': ['assets/*', 'assets/**/*']},
    install_requires=requirements, extras_require=extras, python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(), long_description_content_type='text/markdown',
    zip_safe=False, entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]})
