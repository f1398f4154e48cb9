// The spawn helper: a bare `node` that starts programs for retrofit on request (see
// spawner.ts for why) and answers over its IPC channel by request id. It leaves when its
// parent does (the channel closes).
'use strict';
const { startProcess } = require('./process-runner.cjs');

/** The conversations under way (input stream, and how to stop it), by request id. */
const conversations = new Map();

process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, request, write, end, kill }) => {
  if (write !== undefined || end || kill) {
    const conversation = conversations.get(id);
    if (conversation && write !== undefined) conversation.stdin.write(write);
    if (conversation && end) conversation.stdin.end();
    if (conversation && kill) conversation.kill();
    return;
  }
  const started = startProcess(
    request,
    request.stream ? (chunk) => process.send({ id, chunk }) : undefined,
  );
  if (request.stream && started.stdin) conversations.set(id, started);
  void started.done.then((result) => {
    conversations.delete(id);
    process.send({ id, result });
  });
});
