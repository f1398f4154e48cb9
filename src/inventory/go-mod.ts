// Reads the Go modules a module builds with from its go.mod: the `require` directives, with
// `replace` directives applied. Since Go 1.17 go.mod lists every module the build needs
// (`// indirect` marks those not imported directly), so it is the inventory, like a lockfile.
//
// Read by hand: go.mod is a small line-based format and no well-kept JavaScript reader
// exists; this follows the grammar of golang.org/x/mod/modfile (tokens, `//` comments,
// quoted paths, `verb ( ... )` blocks).
import { go } from '../ecosystems/go/index.js';
import { dedupePackages, invalidLockfile, type InventoryPackage } from './types.js';

export interface GoModResult {
  packages: InventoryPackage[];
  /** Modules left out, and why (a replacement by a local folder). */
  problems: string[];
}

interface Line {
  line: number;
  verb: string;
  args: string[];
}

export function parseGoMod(text: string, source: string): GoModResult {
  const requires = new Map<string, { version: string; line: number }>();
  const replaces: Array<{ path: string; version?: string; to: string; toVersion?: string }> = [];
  for (const { line, verb, args } of directives(text, source)) {
    const fail = (what: string): never => {
      throw invalidLockfile(source, `malformed ${verb} directive: ${what}`, line);
    };
    if (verb === 'require') {
      if (args.length !== 2) fail(args.join(' '));
      const [path, version] = args as [string, string];
      if (!go.isValidVersion(version)) fail(`${version} is not a module version`);
      requires.set(path, { version, line });
    } else if (verb === 'replace') {
      const arrow = args.indexOf('=>');
      const left = args.slice(0, arrow);
      const right = args.slice(arrow + 1);
      if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2)
        fail(args.join(' '));
      replaces.push({ path: left[0]!, version: left[1], to: right[0]!, toVersion: right[1] });
    }
    // module (the project itself), go, toolchain, godebug, exclude, retract, tool, ignore and
    // verbs newer than this reader say nothing about which module versions are built. `go`
    // and `toolchain` name the oldest Go that may build the module, not the one that does,
    // so the standard library (OSV's `stdlib`) is not reported from them.
  }
  const packages: InventoryPackage[] = [];
  const problems: string[] = [];
  for (const [path, { version }] of requires) {
    // A replace of one version wins over a replace of every version of the path, as in Go.
    const replace =
      replaces.find((r) => r.path === path && r.version === version) ??
      replaces.find((r) => r.path === path && r.version === undefined);
    if (!replace) {
      packages.push(goPackage(path, version, source));
    } else if (replace.toVersion !== undefined) {
      // Replaced by another module (a fork, another version): that module's code is what
      // the build uses, so it is what advisories are looked up for.
      packages.push(goPackage(replace.to, replace.toVersion, source));
    } else {
      // Replaced by a local folder: the build uses whatever that folder holds, which has no
      // release version to compare; saying so is better than reporting the required version.
      problems.push(`${path} is replaced by the folder ${replace.to} and was not scanned`);
    }
  }
  return { packages: dedupePackages(packages), problems };
}

/** OSV writes Go versions without the `v` (`1.2.3`); so does every inventory entry. */
function goPackage(path: string, version: string, source: string): InventoryPackage {
  return { ecosystem: 'Go', name: path, version: version.replace(/^v/, ''), source };
}

/** Each directive with its verb, whether written alone or inside a `verb ( ... )` block. */
function directives(text: string, source: string): Line[] {
  const result: Line[] = [];
  let block: string | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const tokens = tokenize(raw, source, line);
      if (tokens.length === 0) return;
      if (block !== null) {
        if (tokens.length === 1 && tokens[0] === ')') block = null;
        else result.push({ line, verb: block, args: tokens });
        return;
      }
      const [verb, ...args] = tokens as [string, ...string[]];
      if (args.length === 1 && args[0] === '(') {
        block = verb;
      } else if (args.length === 2 && args[0] === '(' && args[1] === ')') {
        // An empty block on one line.
      } else {
        result.push({ line, verb, args });
      }
    });
  if (block !== null) throw invalidLockfile(source, `the ${block} block is not closed`);
  return result;
}

/** Words of one line: bare tokens, "quoted" or `raw` strings; a `//` comment ends the line. */
function tokenize(raw: string, source: string, line: number): string[] {
  const tokens: string[] = [];
  const pattern =
    /\s*(?:(\/\/.*)|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(=>|[()])|([^\s"`()]+?)(?=\s|\/\/|=>|[()]|$))/y;
  let rest = raw.trimEnd();
  while (rest.trim() !== '') {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) throw invalidLockfile(source, `cannot read: ${raw.trim()}`, line);
    if (match[1] !== undefined) break;
    const quoted = match[2];
    if (quoted !== undefined) {
      try {
        tokens.push(JSON.parse(`"${quoted}"`) as string);
      } catch {
        throw invalidLockfile(source, `bad quoted string: ${raw.trim()}`, line);
      }
    } else {
      tokens.push(match[3] ?? match[4] ?? match[5]!);
    }
    rest = rest.slice(match[0].length);
  }
  return tokens;
}
