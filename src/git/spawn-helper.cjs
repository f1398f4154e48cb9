// The spawn helper: a bare `node` that starts programs for retrofit on request (see
// spawner.ts for why) and answers over its IPC channel by request id. It leaves when its
// parent does (the channel closes).
'use strict';
const { startProcess } = require('./process-runner.cjs');

/** Input streams of the conversations under way, by request id. */
const conversations = new Map();

process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, request, write, end }) => {
  if (write !== undefined || end) {
    const stdin = conversations.get(id);
    if (stdin && write !== undefined) stdin.write(write);
    if (stdin && end) stdin.end();
    return;
  }
  const started = startProcess(
    request,
    request.stream ? (chunk) => process.send({ id, chunk }) : undefined,
  );
  if (request.stream && started.stdin) conversations.set(id, started.stdin);
  void started.done.then((result) => {
    conversations.delete(id);
    process.send({ id, result });
  });
});
