// Names a file's added code uses that upstream's file imported and the target's version of the
// file never mentions. In languages whose imports bind names for one file (Python, JavaScript
// and TypeScript, Java, Go) such code cannot run where the import is missing, whatever the rest
// of the project holds: the project-wide names check finds `ssl` in a hundred other files and
// is satisfied, while this file has no `import ssl`. Pure: texts in, names out.
//
// Import statements are read with line patterns rather than a syntax tree: the check runs on
// every port that is otherwise sure, where parsing whole files would cost more than the merge,
// and import statements are the most regular lines a file has. A statement the patterns miss
// costs only this check (the port stays as sure as before).
import type { Hunk } from './hunks.js';
import { addedCode, declaredInAdded, mentionsName } from './unfamiliar-names.js';

type ImportFamily = 'python' | 'js' | 'java' | 'go';

const FAMILIES: Array<[RegExp, ImportFamily]> = [
  [/\.pyi?$/i, 'python'],
  [/\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/i, 'js'],
  [/\.java$/i, 'java'],
  [/\.go$/i, 'go'],
];

function familyOf(path: string): ImportFamily | null {
  return FAMILIES.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The names one file's import statements bind, and whether it imports names unseen (`*`). */
export interface FileImports {
  names: Set<string>;
  wildcard: boolean;
}

/** `a as b` → `b`; `a` → `a`; `type a` → `a` (TypeScript). */
function boundName(part: string, alias: RegExp): string | null {
  const clean = part.trim().replace(/^type\s+/, '');
  const aliased = alias.exec(clean);
  const name = (aliased ? aliased[1]! : clean).trim();
  return IDENTIFIER.test(name) ? name : null;
}

/** The names `text`'s import statements bind (null: a language without file-scoped imports). */
export function importsOf(path: string, text: string): FileImports | null {
  const family = familyOf(path);
  if (!family) return null;
  const names = new Set<string>();
  let wildcard = false;
  const add = (name: string | null) => {
    if (name) names.add(name);
  };
  if (family === 'python') {
    for (const [, list] of text.matchAll(/^[ \t]*import[ \t]+([^#\n;]+)/gm))
      for (const part of list!.split(',')) {
        // `import a.b` binds `a`; `import a.b as c` binds `c`.
        const aliased = /\bas\s+(\w+)\s*$/.exec(part);
        add(aliased ? aliased[1]! : boundName(part.trim().split('.')[0]!, /$^/));
      }
    for (const [, group, line] of text.matchAll(
      /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\(([^)]*)\)|([^#\n;(]+))/gm,
    ))
      for (const part of (group ?? line)!.split(',')) {
        if (part.trim() === '*') wildcard = true;
        else add(boundName(part.replace(/#.*$/gm, ''), /\bas\s+(\w+)\s*$/));
      }
  } else if (family === 'js') {
    for (const [, first, named] of text.matchAll(
      /\bimport\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*['"]/g,
    )) {
      add(first && first !== 'type' ? first : null);
      for (const part of (named ?? '').split(',')) add(boundName(part, /\bas\s+([\w$]+)\s*$/));
    }
    for (const [, name] of text.matchAll(/\bimport\s+\*\s+as\s+([\w$]+)\s+from\b/g)) add(name!);
    for (const [, name, named] of text.matchAll(
      /\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\s*\(/g,
    )) {
      add(name ?? null);
      for (const part of (named ?? '').split(',')) add(boundName(part, /:\s*([\w$]+)\s*$/));
    }
  } else if (family === 'java') {
    for (const [, last] of text.matchAll(
      /^[ \t]*import[ \t]+(?:static[ \t]+)?[\w.]+\.(\w+|\*)[ \t]*;/gm,
    )) {
      if (last === '*') wildcard = true;
      else add(last!);
    }
  } else {
    const specs = [
      ...[...text.matchAll(/^import[ \t]+((?:[\w.]+[ \t]+)?"[^"\n]+")/gm)].map((m) => m[1]!),
      ...[...text.matchAll(/^import[ \t]*\(([^)]*)\)/gm)].flatMap((m) => m[1]!.split('\n')),
    ];
    for (const spec of specs) {
      const parsed = /^\s*(?:([\w.]+)\s+)?"([^"]+)"/.exec(spec);
      if (!parsed) continue;
      const [, alias, importPath] = parsed;
      if (alias === '.') wildcard = true;
      else if (alias === '_') continue;
      // The package's name is its path's last element, but for a major version (`/v2`).
      else
        add(
          alias ??
            importPath!
              .split('/')
              .filter((p) => !/^v\d+$/.test(p))
              .pop() ??
            null,
        );
    }
  }
  return { names, wildcard };
}

/**
 * Of the names `base`'s imports bind, those the added lines of `hunks` use (not as a member,
 * a key or a keyword argument) that `target` never mentions: the port would use them without
 * their import. Names the added lines import or declare themselves are not missing; a target
 * that imports everything of a module (`*`) may have any name.
 */
export function unimportedNames(
  path: string,
  hunks: Hunk[],
  texts: { base: string; target: string; upstream?: string },
): string[] {
  const imported = importsOf(path, texts.base);
  const targetImports = importsOf(path, texts.target);
  if (!imported || !targetImports || targetImports.wildcard) return [];
  const code = addedCode(path, hunks, texts.upstream);
  // Read from the lines as written: masking blanks the module names an import ends with.
  const written = hunks.flatMap((h) => h.lines.filter((l) => l.op === '+').map((l) => l.text));
  const own = importsOf(path, written.join(''))!.names;
  for (const name of declaredInAdded(path, hunks)) own.add(name);
  return [...imported.names]
    .filter((name) => !own.has(name) && !mentionsName(texts.target, name))
    .filter((name) => {
      const escaped = name.replace(/\$/g, '\\$');
      // Not `x.name`, `name:` (a key) or `name=` (a keyword argument or an assignment).
      const use = new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])(?!\\s*(?::(?!:)|=(?!=)))`);
      return code.some((line) => use.test(line));
    })
    .sort();
}
