import { describe, expect, it } from 'vitest';
import type { Hunk } from './hunks.js';
import { surroundingsAgree } from './surroundings.js';

const lines = (...texts: string[]) => texts.map((t) => `${t}\n`);
const around = (tag: string) => Array.from({ length: 6 }, (_, i) => `${tag}_statement_${i}();`);

// A hunk whose old side is two generic lines (as fuzz leaves it), between distinctive code.
const hunk: Hunk = {
  oldStart: 6,
  lines: [
    { op: ' ', text: '  }\n' },
    { op: '+', text: '  audit();\n' },
    { op: ' ', text: '}\n' },
  ],
};
const base = lines(...around('before'), '  }', '}', ...around('after'));
const keep = { from: 0, to: 2 };

describe('surroundingsAgree', () => {
  it('counts the distinctive lines around a place that follow the base, in order', () => {
    // The target added a line of its own next to the place and changed one further out.
    const target = lines(
      ...around('before').slice(0, 5),
      'changed();',
      '  }',
      '}',
      'target_only();',
      ...around('after'),
    );
    expect(surroundingsAgree(base, target, hunk, keep, 6)).toMatchObject({ agreeing: 11 });
  });

  it('finds nothing to agree with around a look-alike among other code', () => {
    const target = lines(...around('other'), '  }', '}', ...around('unrelated'));
    expect(surroundingsAgree(base, target, hunk, keep, 6)).toEqual({
      agreeing: 0,
      above: 0,
      below: 0,
    });
  });

  it('refuses a place where the surroundings put the hunk’s own lines elsewhere', () => {
    // The same generic lines twice: the base's surroundings pair with the second pair.
    const target = lines(
      '  }',
      '}',
      ...around('other'),
      ...around('before'),
      '  }',
      '}',
      ...around('after'),
    );
    expect(surroundingsAgree(base, target, hunk, keep, 0)).toBeNull();
    expect(surroundingsAgree(base, target, hunk, keep, 14)).toMatchObject({ agreeing: 12 });
  });
});
