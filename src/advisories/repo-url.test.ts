import { describe, expect, it } from 'vitest';
import { normalizeRepoUrl } from './repo-url.js';

describe('normalizeRepoUrl', () => {
  it.each([
    'https://github.com/psf/requests',
    'https://github.com/psf/requests.git',
    'https://github.com/PSF/Requests/',
    'http://www.github.com/psf/requests',
    'git@github.com:psf/requests.git',
    'ssh://git@github.com/psf/requests',
    'ssh://git@github.com:22/psf/requests.git',
    'git://github.com/psf/requests',
    'git+https://github.com/psf/requests.git#main',
  ])('reads %s as github.com/psf/requests', (url) => {
    expect(normalizeRepoUrl(url)).toBe('github.com/psf/requests');
  });

  it('keeps different repositories apart', () => {
    expect(normalizeRepoUrl('https://github.com/psf/requests')).not.toBe(
      normalizeRepoUrl('https://gitlab.com/psf/requests'),
    );
    expect(normalizeRepoUrl('https://github.com/psf/requests')).not.toBe(
      normalizeRepoUrl('https://github.com/psf/requests-oauthlib'),
    );
  });

  it('reads a local path as itself', () => {
    expect(normalizeRepoUrl('/srv/git/project.git')).toBe('/srv/git/project');
  });
});
