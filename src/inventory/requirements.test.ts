import { describe, expect, it } from 'vitest';
import { parseRequirements } from './requirements.js';

const text = `# production pins
-r base.txt
--index-url https://pypi.example.org/simple
-e git+https://github.com/org/project.git#egg=project

Django==3.2.1  # LTS
lxml==4.9.0 ; python_version >= "3.7"
requests[socks]==2.25.1 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
urllib3 === 1.26.4
PyYAML==5.4.1; sys_platform != "win32"
django==3.2.1
flask>=2.0
jinja2==3.*
numpy
pkg @ https://example.org/pkg-1.0.tar.gz
./vendor/local-1.0.whl
`;

describe('parseRequirements', () => {
  it('reads exact pins and counts the rest as unpinned', () => {
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'Django==3.2.1',
      'lxml==4.9.0',
      'requests==2.25.1',
      'urllib3==1.26.4',
      'PyYAML==5.4.1',
    ]);
    expect(result.packages[0]).toEqual({
      ecosystem: 'PyPI',
      name: 'Django',
      version: '3.2.1',
      source: 'requirements.txt',
    });
    expect(result.unpinned).toBe(5);
  });

  it('handles CRLF line endings and a trailing continuation', () => {
    const result = parseRequirements('six==1.16.0\r\nattrs==21.2.0 \\', 'r.txt');
    expect(result.packages.map((p) => p.name)).toEqual(['six', 'attrs']);
  });

  it('rejects a line that is not a requirement, naming the file and line', () => {
    expect(() =>
      parseRequirements('six==1.16.0\n\nthis is not a requirement!\n', 'reqs/requirements-dev.txt'),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringContaining('reqs/requirements-dev.txt:3'),
        data: expect.objectContaining({ line: 3 }),
      }),
    );
    expect(() => parseRequirements('flask=2.0\n', 'r.txt')).toThrow(/r\.txt:1/);
  });
});
