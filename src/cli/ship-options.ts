// The shipping options `retrofit run` and `retrofit ship` share: declared once, read once.
import type { Command } from 'commander';
import type { ShipRequest } from '../app/ship.js';

export function addShipOptions(command: Command): Command {
  return command
    .option('--author <identity>', "who makes the backport, 'Name <email>' (default: git's user)")
    .option('--push <remote>', 'push the backport branch to this remote (never forced)')
    .option(
      '--pr <forge>',
      'then open a pull request (github, GITHUB_TOKEN) or merge request (gitlab, GITLAB_TOKEN)',
    )
    .option(
      '--forge-url <url>',
      'the forge API root (default: GITHUB_API_URL / CI_API_V4_URL, else the public one)',
    )
    .option('--forge-project <path>', 'OWNER/NAME on the forge (default: read from the remote URL)')
    .option(
      '--quilt-dir <dir>',
      'add a quilt patch, series line and changelog entry to this Debian source tree',
    )
    .option(
      '--debian-version <version>',
      'the changelog version (default: +debNuM on the current one)',
    )
    .option(
      '--debian-distribution <name>',
      'the changelog distribution (default: <codename>-security)',
    );
}

export function readShipOptions(
  options: Record<string, unknown>,
): ShipRequest & { author?: string } {
  const text = (name: string) =>
    typeof options[name] === 'string' ? (options[name] as string) : undefined;
  return {
    author: text('author'),
    push: text('push'),
    pr: text('pr'),
    forgeUrl: text('forgeUrl'),
    forgeProject: text('forgeProject'),
    quiltDir: text('quiltDir'),
    debianVersion: text('debianVersion'),
    debianDistribution: text('debianDistribution'),
  };
}
