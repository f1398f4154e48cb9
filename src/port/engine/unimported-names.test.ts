import { describe, expect, it } from 'vitest';
import { diffHunks } from './hunks.js';
import { importsOf, unimportedNames } from './unimported-names.js';

const check = (path: string, base: string, upstream: string, target: string) =>
  unimportedNames(path, diffHunks(base, upstream), { base, target, upstream });

describe('importsOf', () => {
  it('reads the names Python imports bind, aliases and parenthesised lists too', () => {
    const text = [
      'import os, ssl',
      'import xml.etree.ElementTree as ET',
      'import urllib.parse',
      'from collections import (',
      '    OrderedDict,  # ordered',
      '    defaultdict as dd,',
      ')',
      'from .utils import helper',
      '',
    ].join('\n');
    expect([...importsOf('pkg/mod.py', text)!.names].sort()).toEqual(
      ['ET', 'OrderedDict', 'dd', 'helper', 'os', 'ssl', 'urllib'].sort(),
    );
    expect(importsOf('pkg/mod.py', 'from os.path import *\n')!.wildcard).toBe(true);
  });

  it('reads ES imports, TypeScript type imports and CommonJS requires', () => {
    const text = [
      "import fs from 'node:fs';",
      "import React, { useState as useLocal, type FC } from 'react';",
      "import * as path from 'node:path';",
      "import type { Options } from './options';",
      "const qs = require('qs');",
      "const { parse, format: fmt } = require('url');",
      '',
    ].join('\n');
    expect([...importsOf('src/a.ts', text)!.names].sort()).toEqual(
      ['FC', 'Options', 'React', 'fmt', 'fs', 'parse', 'path', 'qs', 'useLocal'].sort(),
    );
  });

  it('reads Java imports and Go imports, by alias or by the package path', () => {
    const java = 'import java.util.List;\nimport static org.junit.Assert.assertEquals;\n';
    expect([...importsOf('A.java', java)!.names].sort()).toEqual(['List', 'assertEquals']);
    expect(importsOf('A.java', 'import java.util.*;\n')!.wildcard).toBe(true);
    const go =
      'import (\n\t"fmt"\n\tyaml "gopkg.in/yaml.v3"\n\t"github.com/x/y/v2"\n\t_ "embed"\n)\n';
    expect([...importsOf('main.go', go)!.names].sort()).toEqual(['fmt', 'y', 'yaml']);
  });

  it('has nothing to say of languages whose imports are not per file', () => {
    expect(importsOf('lib/a.rb', "require 'json'\n")).toBeNull();
    expect(importsOf('src/a.c', '#include <ssl.h>\n')).toBeNull();
  });
});

describe('unimportedNames', () => {
  const base = [
    'import multiprocessing',
    'import ssl',
    '',
    'OPTIONS = {',
    "    'cert_reqs': True,",
    "    'ssl_version': getattr(ssl, 'PROTOCOL_TLS'),",
    '}',
    '',
  ].join('\n');
  const upstream = base.replace("'cert_reqs': True", "'cert_reqs': ssl.CERT_REQUIRED");
  // The old branch never had the `ssl_version` option, nor the import it needed.
  const target = [
    'import multiprocessing',
    '',
    'OPTIONS = {',
    "    'cert_reqs': True,",
    '}',
    '',
  ].join('\n');

  it('names a module the added code uses that the target file never imports', () => {
    expect(check('agent/cmd.py', base, upstream, target)).toEqual(['ssl']);
  });

  it('is satisfied when the target mentions the name, or the fix imports it itself', () => {
    expect(check('agent/cmd.py', base, upstream, `import ssl\n${target}`)).toEqual([]);
    const bringing = upstream.replace(
      'import multiprocessing\n',
      'import multiprocessing\nimport ssl\n',
    );
    expect(check('agent/cmd.py', base.replace('import ssl\n', ''), bringing, target)).toEqual([]);
  });

  it('is satisfied when the fix moves the import itself', () => {
    const js =
      "import path from 'node:path';\nimport fs from 'node:fs';\nexport const a = fs.readFileSync('x');\n";
    const moved =
      "import fs from 'node:fs';\nimport path from 'node:path';\nexport const a = fs.readFileSync(path.join('x'));\n";
    const old = "import fs from 'node:fs';\nexport const a = fs.readFileSync('x');\n";
    expect(check('src/a.js', js, moved, old)).toEqual([]);
    expect(
      check('src/a.js', js, moved.replace("import path from 'node:path';\n", ''), old),
    ).toEqual(['path']);
  });

  it('counts neither members, keys nor keyword arguments, nor a target importing `*`', () => {
    const js = "const path = require('path');\nmodule.exports = { a: 1 };\n";
    const usesMember = js.replace('{ a: 1 }', '{ a: 1, path: options.path, join: path.join }');
    const noPath = 'module.exports = { a: 1 };\n';
    expect(check('lib/a.js', js, usesMember, noPath)).toEqual(['path']);
    const keysOnly = js.replace('{ a: 1 }', '{ a: 1, path: options.path }');
    expect(check('lib/a.js', js, keysOnly, noPath)).toEqual([]);
    expect(check('agent/cmd.py', base, upstream, `from socket import *\n${target}`)).toEqual([]);
  });

  it('reads no code in comments or strings', () => {
    const commented = base.replace("'cert_reqs': True,", "'cert_reqs': True,  # see ssl docs");
    expect(check('agent/cmd.py', base, commented, target)).toEqual([]);
  });
});
