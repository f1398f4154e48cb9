import { describe, expect, it } from 'vitest';
import { describeNetworkAttempts, findNetworkAttempts } from './network-attempts.js';

describe('findNetworkAttempts', () => {
  it('names the node:test test whose error is a refused connection, once', () => {
    const output = [
      '# Subtest: fetches the status',
      'not ok 2 - fetches the status',
      '  ---',
      "  error: 'connect ECONNREFUSED 127.0.0.1:4567'",
      "  code: 'ECONNREFUSED'",
      '  ...',
      'ok 3 - adds',
    ].join('\n');
    expect(findNetworkAttempts(output)).toEqual([
      { test: 'fetches the status', evidence: "error: 'connect ECONNREFUSED 127.0.0.1:4567'" },
    ]);
  });

  it('reads pytest failure headers and name-resolution errors', () => {
    const output = [
      '____________________ test_download ____________________',
      'E   socket.gaierror: [Errno -3] Temporary failure in name resolution',
    ].join('\n');
    expect(findNetworkAttempts(output)).toEqual([
      {
        test: 'test_download',
        evidence: 'E   socket.gaierror: [Errno -3] Temporary failure in name resolution',
      },
    ]);
  });

  it('finds nothing in a run that failed for another reason', () => {
    expect(findNetworkAttempts("not ok 1 - adds\n  error: 'Expected 3, got 4'\n")).toEqual([]);
  });

  it('says "network access blocked" for a sandboxed run', () => {
    const note = describeNetworkAttempts([{ test: 't', evidence: 'ECONNREFUSED' }], {
      label: 'after',
      sandboxed: true,
    });
    expect(note).toMatch(/^network access blocked: the after run tried to reach the network/);
    expect(note).toContain("test 't' (ECONNREFUSED)");
  });
});
