import { describe, expect, it } from 'vitest';
import { decidePortOutcome } from './port-outcome.js';

describe('decidePortOutcome', () => {
  it('is applied when the pick changed the fix files', () => {
    expect(
      decidePortOutcome({
        fixFiles: ['a.js', 'test/a.js'],
        conflicted: [],
        changed: ['a.js', 'test/a.js'],
      }),
    ).toEqual({
      status: 'applied',
      files: [
        { path: 'a.js', status: 'applied' },
        { path: 'test/a.js', status: 'applied' },
      ],
    });
  });

  it('is a conflict when any file conflicts, naming the file', () => {
    const outcome = decidePortOutcome({
      fixFiles: ['a.js', 'b.js'],
      conflicted: ['b.js'],
      changed: [],
    });
    expect(outcome.status).toBe('conflict');
    expect(outcome.files[1]).toEqual({
      path: 'b.js',
      status: 'conflict',
      reason: 'merge-conflict',
    });
  });

  it('is already-present when the target already has every change', () => {
    expect(decidePortOutcome({ fixFiles: ['a.js'], conflicted: [], changed: [] }).status).toBe(
      'already-present',
    );
  });
});
